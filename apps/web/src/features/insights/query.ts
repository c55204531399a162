import type { InsightsFilters } from './types';

/** Only the filters that are set (trimmed), for a query string. */
export function filterQuery(filters: InsightsFilters): InsightsFilters {
  const query: InsightsFilters = {};
  for (const [key, value] of Object.entries(filters) as [keyof InsightsFilters, string | undefined][]) {
    if (value !== undefined && value.trim() !== '') Object.assign(query, { [key]: value.trim() });
  }
  return query;
}

export type ExportName = 'heatmap.csv' | 'heatmap.xlsx' | 'suppliers.csv' | 'suppliers.xlsx';

/** A download link for an export, with the same filters as the page and headers in the UI language. */
export function exportUrl(
  orgId: string,
  name: ExportName,
  filters: InsightsFilters,
  lang: 'ja' | 'en',
): string {
  const params = new URLSearchParams({ ...(filterQuery(filters) as Record<string, string>), lang });
  return `/api/orgs/${encodeURIComponent(orgId)}/insights/${name}?${params.toString()}`;
}
