import { useApiData } from '../campaigns/useApiData';
import { api } from '../../api/client';

/** A supplier's summary as the viewer may see it (404 when it is not visible to them). */
export function useSupplierSummary(orgId: string, supplierId: string, reload = 0) {
  const summary = useApiData(JSON.stringify([orgId, supplierId, reload]), (signal) =>
    api.client.GET('/api/orgs/{orgId}/insights/suppliers/{supplierId}', {
      params: { path: { orgId, supplierId } },
      signal,
    }),
  );
  // Category names and level labels come with the heat map's catalogue.
  const heatmap = useApiData(orgId, (signal) =>
    api.client.GET('/api/orgs/{orgId}/insights/heatmap', { params: { path: { orgId } }, signal }),
  );
  return { ...summary, catalogue: heatmap.data?.catalogue ?? null };
}
