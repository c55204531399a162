import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { replaceInPages, usePagedList } from '../../lib/paged';
import { unwrap } from '../../lib/query';
import type {
  AssessmentStatus,
  CampaignSupplier,
  CampaignSupplierPage,
  CreateCampaignBody,
  Triage,
} from './types';

export const SUPPLIER_PAGE_SIZE = 50;

export type ReminderPolicy = components['schemas']['ReminderPolicyValueDto'];

/** Query keys of the campaigns feature; everything about one campaign sits under its `detail` key. */
export const campaignKeys = {
  all: ['campaigns'] as const,
  org: (orgId: string) => [...campaignKeys.all, orgId] as const,
  list: (orgId: string) => [...campaignKeys.org(orgId), 'list'] as const,
  detail: (orgId: string, campaignId: string) => [...campaignKeys.org(orgId), 'detail', campaignId] as const,
  suppliers: (orgId: string, campaignId: string, status?: AssessmentStatus) =>
    [...campaignKeys.detail(orgId, campaignId), 'suppliers', status ?? 'all'] as const,
  reminderPolicy: (orgId: string, campaignId: string) =>
    [...campaignKeys.detail(orgId, campaignId), 'reminder-policy'] as const,
  catalogues: (orgId: string) => ['catalogues', 'choices', orgId] as const,
  catalogueLevels: (catalogueId: string, version: string) =>
    ['catalogues', 'levels', catalogueId, version] as const,
};

export function useCampaigns(orgId: string) {
  return useQuery({
    queryKey: campaignKeys.list(orgId),
    queryFn: ({ signal }) =>
      unwrap(api.client.GET('/api/orgs/{orgId}/campaigns', { params: { path: { orgId } }, signal })),
  });
}

export function useCampaign(orgId: string, campaignId: string) {
  return useQuery({
    queryKey: campaignKeys.detail(orgId, campaignId),
    queryFn: ({ signal }) =>
      unwrap(
        api.client.GET('/api/orgs/{orgId}/campaigns/{campaignId}', {
          params: { path: { orgId, campaignId } },
          signal,
        }),
      ),
  });
}

const supplierIdOf = (row: CampaignSupplier) => row.supplierId;

/**
 * A campaign's suppliers, page by page along the keyset cursor ("load more" appends), optionally only those
 * whose assessment has `status` (filtered by the API, so totals and pages are right).
 */
export function useCampaignSuppliers(orgId: string, campaignId: string, status?: AssessmentStatus) {
  const list = usePagedList<CampaignSupplier, CampaignSupplierPage>({
    queryKey: campaignKeys.suppliers(orgId, campaignId, status),
    idOf: supplierIdOf,
    fetchPage: (cursor, signal) =>
      unwrap(
        api.client.GET('/api/orgs/{orgId}/campaigns/{campaignId}/suppliers', {
          params: {
            path: { orgId, campaignId },
            query: {
              limit: SUPPLIER_PAGE_SIZE,
              ...(cursor ? { cursor } : {}),
              ...(status ? { status } : {}),
            },
          },
          signal,
        }),
      ),
  });
  return { ...list, total: list.lastPage?.total ?? 0 };
}

export type CampaignSuppliers = ReturnType<typeof useCampaignSuppliers>;

export function useCatalogues(orgId: string) {
  return useQuery({
    queryKey: campaignKeys.catalogues(orgId),
    queryFn: ({ signal }) =>
      unwrap(api.client.GET('/api/catalogues', { params: { query: { orgId } }, signal })),
  });
}

async function fetchLevels(id: string, version: string, signal: AbortSignal) {
  const get = (v: string) =>
    api.client.GET('/api/catalogues/{id}/versions/{version}', {
      params: { path: { id, version: v } },
      signal,
    });
  const exact = await get(version);
  if (exact.data) return exact.data.levels;
  // An imported version of a built-in catalogue: the built-in one has the same levels.
  const latest = await get('latest');
  if (latest.data) return latest.data.levels;
  throw exact.error;
}

/** The levels of a campaign's catalogue version (★3/★4 for METI, Lv1–3 for JAMA); idle until both are known. */
export function useCatalogueLevelList(catalogueId: string | undefined, version: string | undefined) {
  return useQuery({
    queryKey: campaignKeys.catalogueLevels(catalogueId ?? '', version ?? ''),
    queryFn: ({ signal }) => fetchLevels(catalogueId ?? '', version ?? '', signal),
    enabled: Boolean(catalogueId && version),
    staleTime: Infinity, // a catalogue version never changes
  });
}

export function useCreateCampaign(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCampaignBody) =>
      unwrap(api.client.POST('/api/orgs/{orgId}/campaigns', { params: { path: { orgId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.list(orgId) }),
  });
}

export type SupplierChange = { triage?: Triage; targetLevel?: number; contactEmail?: string };

/** Triage answers, target level or contact of one supplier in a draft; the saved row replaces the shown one. */
export function useUpdateCampaignSupplier(orgId: string, campaignId: string, supplierId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SupplierChange) =>
      unwrap(
        api.client.PATCH('/api/orgs/{orgId}/campaigns/{campaignId}/suppliers/{supplierId}', {
          params: { path: { orgId, campaignId, supplierId } },
          body,
        }),
      ),
    onSuccess: (row) =>
      replaceInPages<CampaignSupplier, CampaignSupplierPage>(
        queryClient,
        [...campaignKeys.detail(orgId, campaignId), 'suppliers'],
        (r) => r.supplierId === row.supplierId,
        row,
      ),
  });
}

/** Launch: creates every assessment and emails every supplier; everything shown about the campaign changes. */
export function useLaunchCampaign(orgId: string, campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.client.POST('/api/orgs/{orgId}/campaigns/{campaignId}/launch', {
          params: { path: { orgId, campaignId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.org(orgId) }),
  });
}

export function useReminderPolicy(orgId: string, campaignId: string) {
  return useQuery({
    queryKey: campaignKeys.reminderPolicy(orgId, campaignId),
    queryFn: ({ signal }) =>
      unwrap(
        api.client.GET('/api/orgs/{orgId}/campaigns/{campaignId}/reminder-policy', {
          params: { path: { orgId, campaignId } },
          signal,
        }),
      ),
  });
}

export function useSaveReminderPolicy(orgId: string, campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: ReminderPolicy) =>
      unwrap(
        api.client.PUT('/api/orgs/{orgId}/campaigns/{campaignId}/reminder-policy', {
          params: { path: { orgId, campaignId } },
          body: policy,
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(campaignKeys.reminderPolicy(orgId, campaignId), saved),
  });
}
