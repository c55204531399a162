import type { Role } from '../../api/types';
import type { CategoryTally, HeatmapCatalogue } from './types';

// Mirrors the API's @OrgRoles on the insights endpoints; the API still enforces them.
const INSIGHTS_VIEWERS: ReadonlySet<Role> = new Set<Role>(['admin', 'procurement', 'evaluator']);

export function canViewInsights(role: Role | undefined): boolean {
  return role !== undefined && INSIGHTS_VIEWERS.has(role);
}

export function insightsPath(orgId: string, rest = ''): string {
  return `/orgs/${encodeURIComponent(orgId)}/insights${rest ? `/${rest}` : ''}`;
}

export function supplierInsightsPath(orgId: string, supplierId: string, report = false): string {
  return insightsPath(orgId, `suppliers/${encodeURIComponent(supplierId)}${report ? '/report' : ''}`);
}

/** 0..1 as a whole percentage in the UI language (`42%`); a dash when unknown. */
export function percent(value: number | null | undefined, language: string | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(language?.startsWith('en') ? 'en-GB' : 'ja-JP', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(value);
}

/** Share of applicable criteria met in one category, or null when none apply. */
export function categoryRate(tally: CategoryTally | undefined): number | null {
  if (!tally || tally.applicable <= 0) return null;
  return tally.met / tally.applicable;
}

/** The catalogue's label for a level (★3, Lv2, …), or null when the catalogue does not name it. */
export function levelLabel(
  catalogue: Pick<HeatmapCatalogue, 'levels'> | null | undefined,
  rank: number | null | undefined,
  language: string | undefined,
): string | null {
  if (rank === null || rank === undefined) return null;
  const level = catalogue?.levels.find((l) => l.rank === rank);
  if (!level) return null;
  return (
    (language?.startsWith('en') ? level.label.en || level.label.ja : level.label.ja || level.label.en) || null
  );
}
