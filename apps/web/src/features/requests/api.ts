import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../lib/query';
import { myKeys } from '../my/api';

/** Query keys of buyers' requests waiting for a supplier organization's admins. */
export const requestKeys = {
  all: ['supplier-requests'] as const,
  of: (orgId: string) => [...requestKeys.all, orgId] as const,
};

export function useSupplierRequests(orgId: string) {
  return useQuery({
    queryKey: requestKeys.of(orgId),
    queryFn: ({ signal }) =>
      unwrap(api.client.GET('/api/orgs/{orgId}/supplier-requests', { params: { path: { orgId } }, signal })),
  });
}

/** After a decision: the request leaves the list, and accepted questionnaires may appear on the home page. */
function useDecided(orgId: string) {
  const queries = useQueryClient();
  return () =>
    Promise.all([
      queries.invalidateQueries({ queryKey: requestKeys.of(orgId) }),
      queries.invalidateQueries({ queryKey: myKeys.all }),
    ]);
}

/** Accepts a request: the buyer's contact (or `contactEmail`, named by the admin) gets the questionnaires. */
export function useAcceptRequest(orgId: string) {
  const decided = useDecided(orgId);
  return useMutation({
    mutationFn: ({ requestId, contactEmail }: { requestId: string; contactEmail?: string }) =>
      unwrap(
        api.client.POST('/api/orgs/{orgId}/supplier-requests/{requestId}/accept', {
          params: { path: { orgId, requestId } },
          body: contactEmail ? { contactEmail } : {},
        }),
      ),
    onSuccess: decided,
  });
}

/** Declines a request: nothing is sent, and the buyer's view does not change. */
export function useDeclineRequest(orgId: string) {
  const decided = useDecided(orgId);
  return useMutation({
    mutationFn: (requestId: string) =>
      unwrap(
        api.client.POST('/api/orgs/{orgId}/supplier-requests/{requestId}/decline', {
          params: { path: { orgId, requestId } },
        }),
      ),
    onSuccess: decided,
  });
}
