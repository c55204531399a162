import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { usePagedList } from '../../lib/paged';
import { unwrap } from '../../lib/query';
import type {
  InsightsFilters,
  InsightSupplier,
  InsightSupplierPage,
  SortKey,
  SortOrder,
  Tier,
} from './types';

export const SUPPLIER_PAGE_SIZE = 50;
/** The drill-down shows one heat map cell's suppliers, weakest first, up to this many. */
export const CELL_LIMIT = 200;

export interface SupplierRowsQuery {
  filters: InsightsFilters;
  tier: Tier;
  sort: SortKey;
  order: SortOrder;
}

/** Query keys of the insights feature, per organization; filtered reads carry their filters. */
export const insightsKeys = {
  all: ['insights'] as const,
  org: (orgId: string) => [...insightsKeys.all, orgId] as const,
  heatmap: (orgId: string, filters: InsightsFilters) =>
    [...insightsKeys.org(orgId), 'heatmap', filters] as const,
  distribution: (orgId: string, filters: InsightsFilters) =>
    [...insightsKeys.org(orgId), 'distribution', filters] as const,
  cell: (orgId: string, filters: InsightsFilters, tier: Tier, groupId: string) =>
    [...insightsKeys.org(orgId), 'cell', filters, tier, groupId] as const,
  suppliers: (orgId: string, query: SupplierRowsQuery) =>
    [...insightsKeys.org(orgId), 'suppliers', query] as const,
  supplier: (orgId: string, supplierId: string) =>
    [...insightsKeys.org(orgId), 'supplier', supplierId] as const,
  tokens: (orgId: string) => [...insightsKeys.org(orgId), 'api-tokens'] as const,
};

/** The heat map for these filters; while other filters load, the previous map stays shown. */
export function useHeatmap(orgId: string, filters: InsightsFilters) {
  return useQuery({
    queryKey: insightsKeys.heatmap(orgId, filters),
    queryFn: ({ signal }) =>
      unwrap(
        api.client.GET('/api/orgs/{orgId}/insights/heatmap', {
          params: { path: { orgId }, query: filters },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useDistribution(orgId: string, filters: InsightsFilters) {
  return useQuery({
    queryKey: insightsKeys.distribution(orgId, filters),
    queryFn: ({ signal }) =>
      unwrap(
        api.client.GET('/api/orgs/{orgId}/insights/distribution', {
          params: { path: { orgId }, query: filters },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The suppliers behind one heat map cell, weakest in that category first. */
export function useCellSuppliers(orgId: string, filters: InsightsFilters, tier: Tier, groupId: string) {
  return useQuery({
    queryKey: insightsKeys.cell(orgId, filters, tier, groupId),
    queryFn: ({ signal }) =>
      unwrap(
        api.client.GET('/api/orgs/{orgId}/insights/cells', {
          params: {
            path: { orgId },
            query: { ...filters, tier, groupId, sort: groupId, order: 'asc', limit: CELL_LIMIT },
          },
          signal,
        }),
      ),
  });
}

const supplierIdOf = (row: InsightSupplier) => row.supplierId;

/** One tier's suppliers, sorted by the API, page by page along the keyset cursor ("show more" appends). */
export function useSupplierRows(orgId: string, query: SupplierRowsQuery) {
  const { filters, tier, sort, order } = query;
  const list = usePagedList<InsightSupplier, InsightSupplierPage>({
    queryKey: insightsKeys.suppliers(orgId, query),
    idOf: supplierIdOf,
    fetchPage: (cursor, signal) =>
      unwrap(
        api.client.GET('/api/orgs/{orgId}/insights/suppliers', {
          params: {
            path: { orgId },
            query: {
              ...filters,
              tier,
              sort,
              order,
              limit: SUPPLIER_PAGE_SIZE,
              ...(cursor ? { cursor } : {}),
            },
          },
          signal,
        }),
      ),
  });
  return {
    ...list,
    total: list.lastPage?.total ?? 0,
    hiddenByConsent: list.lastPage ? list.lastPage.hiddenByConsent : 0,
  };
}

/** A supplier's summary as the viewer may see it (404 when it is not visible to them). */
export function useSupplierSummary(orgId: string, supplierId: string) {
  const summary = useQuery({
    queryKey: insightsKeys.supplier(orgId, supplierId),
    queryFn: ({ signal }) =>
      unwrap(
        api.client.GET('/api/orgs/{orgId}/insights/suppliers/{supplierId}', {
          params: { path: { orgId, supplierId } },
          signal,
        }),
      ),
  });
  // Category names and level labels come with the heat map's catalogue.
  const heatmap = useHeatmap(orgId, {});
  return { ...summary, catalogue: heatmap.data?.catalogue ?? null };
}

export function useApiTokens(orgId: string) {
  return useQuery({
    queryKey: insightsKeys.tokens(orgId),
    queryFn: ({ signal }) =>
      unwrap(api.client.GET('/api/orgs/{orgId}/api-tokens', { params: { path: { orgId } }, signal })),
  });
}

export function useCreateApiToken(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      unwrap(
        api.client.POST('/api/orgs/{orgId}/api-tokens', { params: { path: { orgId } }, body: { name } }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: insightsKeys.tokens(orgId) }),
  });
}

export function useRevokeApiToken(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      unwrap(
        api.client.DELETE('/api/orgs/{orgId}/api-tokens/{tokenId}', { params: { path: { orgId, tokenId } } }),
      ),
    // The list is fetched again either way (a token revoked elsewhere shows as revoked).
    onSettled: () => queryClient.invalidateQueries({ queryKey: insightsKeys.tokens(orgId) }),
  });
}
