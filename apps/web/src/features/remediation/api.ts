import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components, operations } from '../../api/schema';
import { replaceInPages, usePagedList } from '../../lib/paged';
import { unwrap } from '../../lib/query';
import { multipartFile } from '../../lib/upload';
import type { RemediationDetail, RemediationItem, RemediationUpdate } from './types';

type RemediationPage = components['schemas']['RemediationPageDto'];
type RemediationList = components['schemas']['RemediationListDto'];
export type OrgRemediationQuery = Omit<
  NonNullable<operations['Remediation_list']['parameters']['query']>,
  'cursor' | 'limit'
>;

/** Query keys of remediation: the supplier's board, the buyer's lists, and each item in full. */
export const remediationKeys = {
  all: ['remediation'] as const,
  mine: () => [...remediationKeys.all, 'mine'] as const,
  orgLists: () => [...remediationKeys.all, 'org'] as const,
  org: (orgId: string, query: OrgRemediationQuery) => [...remediationKeys.orgLists(), orgId, query] as const,
  item: (itemId: string) => [...remediationKeys.all, 'item', itemId] as const,
};

/** The supplier's board: every gap of its submitted assessments. */
export function useMyRemediation() {
  return useQuery({
    queryKey: remediationKeys.mine(),
    queryFn: ({ signal }) => unwrap(api.client.GET('/api/my/remediation', { signal })),
  });
}

const itemIdOf = (item: RemediationItem) => item.id;

/** The buyer's view of every supplier's gaps, filtered by the API, a page at a time. */
export function useOrgRemediation(orgId: string, query: OrgRemediationQuery) {
  return usePagedList<RemediationItem, RemediationPage>({
    queryKey: remediationKeys.org(orgId, query),
    idOf: itemIdOf,
    keepPrevious: true,
    fetchPage: (cursor, signal) =>
      unwrap(
        api.client.GET('/api/orgs/{orgId}/remediation', {
          params: { path: { orgId }, query: { ...query, ...(cursor ? { cursor } : {}) } },
          signal,
        }),
      ),
  });
}

export function fetchRemediationItem(itemId: string, signal?: AbortSignal): Promise<RemediationDetail> {
  return unwrap(api.client.GET('/api/remediation/{itemId}', { params: { path: { itemId } }, signal }));
}

export function useRemediationItem(itemId: string) {
  return useQuery({
    queryKey: remediationKeys.item(itemId),
    queryFn: ({ signal }) => fetchRemediationItem(itemId, signal),
  });
}

/** The list fields of an item in full. */
function listFields(d: RemediationDetail): RemediationItem {
  const { evidence: _evidence, history: _history, viewer: _viewer, ...item } = d;
  return item;
}

/** Copies the list fields of a changed item into a list. */
export function replaceItem(items: readonly RemediationItem[], next: RemediationDetail): RemediationItem[] {
  return items.map((i) => (i.id === next.id ? { ...i, ...listFields(next) } : i));
}

/** A changed item as the API returned it: in full, and in every list that shows it. */
export function storeRemediationItem(queryClient: QueryClient, item: RemediationDetail): void {
  queryClient.setQueryData(remediationKeys.item(item.id), item);
  queryClient.setQueryData<RemediationList>(remediationKeys.mine(), (list) =>
    list ? { ...list, items: replaceItem(list.items, item) } : list,
  );
  const current = queryClient
    .getQueriesData<{ pages: RemediationPage[] }>({ queryKey: remediationKeys.orgLists() })
    .flatMap(([, data]) => data?.pages.flatMap((p) => p.items) ?? [])
    .find((i) => i.id === item.id);
  if (current) {
    replaceInPages<RemediationItem, RemediationPage>(
      queryClient,
      remediationKeys.orgLists(),
      (i) => i.id === item.id,
      { ...current, ...listFields(item) },
    );
  }
}

/** Everything that changes one item; each answers with the item as it is now. */
export type RemediationChange =
  | { kind: 'update'; body: RemediationUpdate }
  | { kind: 'evidence'; file: File }
  | { kind: 'verify'; baseVersion: number }
  | { kind: 'reopen'; baseVersion: number; comment: string };

function sendChange(itemId: string, change: RemediationChange): Promise<RemediationDetail> {
  const path = { params: { path: { itemId } } };
  switch (change.kind) {
    case 'update':
      return unwrap(api.client.PATCH('/api/remediation/{itemId}', { ...path, body: change.body }));
    case 'evidence':
      return unwrap(
        api.client.POST('/api/remediation/{itemId}/evidence', { ...path, ...multipartFile(change.file) }),
      );
    case 'verify':
      return unwrap(
        api.client.POST('/api/remediation/{itemId}/verify', {
          ...path,
          body: { baseVersion: change.baseVersion },
        }),
      );
    case 'reopen':
      return unwrap(
        api.client.POST('/api/remediation/{itemId}/reopen', {
          ...path,
          body: { baseVersion: change.baseVersion, comment: change.comment },
        }),
      );
  }
}

export function useChangeRemediation(itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: RemediationChange) => sendChange(itemId, change),
    onSuccess: (item) => storeRemediationItem(queryClient, item),
  });
}
