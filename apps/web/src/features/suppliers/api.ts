import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { operations } from '../../api/schema';
import type { AddSupplierBody } from '../../api/types';
import { unwrap } from '../../lib/query';
import { multipartFile } from '../../lib/upload';

export type NetworkQuery = NonNullable<operations['Network_list']['parameters']['query']>;

/** Query keys of the supplier network (the suppliers page and the campaign's supplier picker). */
export const networkKeys = {
  all: ['network'] as const,
  org: (orgId: string) => [...networkKeys.all, orgId] as const,
  page: (orgId: string, query: NetworkQuery) => [...networkKeys.org(orgId), 'page', query] as const,
};

/** Only the query parameters that are set (so equal searches share one cache entry). */
function networkQuery({ tier, q, cursor, limit }: NetworkQuery): NetworkQuery {
  return {
    ...(tier !== undefined ? { tier } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(q ? { q } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/**
 * One page of the network as the viewer sees it. With `keepPrevious`, the page shown so far stays while the
 * next one loads (the list does not jump).
 */
export function useNetworkPage(orgId: string, query: NetworkQuery, { keepPrevious = false } = {}) {
  const params = networkQuery(query);
  return useQuery({
    queryKey: networkKeys.page(orgId, params),
    queryFn: ({ signal }) =>
      unwrap(
        api.client.GET('/api/orgs/{orgId}/network', { params: { path: { orgId }, query: params }, signal }),
      ),
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}

export function useAddSupplier(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddSupplierBody) =>
      unwrap(api.client.POST('/api/orgs/{orgId}/suppliers', { params: { path: { orgId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: networkKeys.org(orgId) }),
  });
}

export function useImportSuppliers(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.client.POST('/api/orgs/{orgId}/suppliers/import', {
          params: { path: { orgId } },
          ...multipartFile(file),
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: networkKeys.org(orgId) }),
  });
}
