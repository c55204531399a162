import type { Triage } from './campaign-supplier.entity';

/**
 * The scheme's test for important partners: a supplier that handles the buyer's important confidential
 * information, is critical to its business continuity, or whose environment can reach its internal systems
 * should meet ★4; every other supplier ★3.
 */
export function suggestStar(triage: Triage | null): 3 | 4 {
  return triage && (triage.confidential || triage.continuity || triage.networkAccess) ? 4 : 3;
}

/**
 * The catalogue rank that corresponds to a ★ level: the rank itself for ★ catalogues (METI 3/4/5); for
 * catalogues with other ranks (JAMA Lv1–3), ★3 → the lowest rank and ★4 → the next; null when the catalogue
 * is not scored by levels.
 */
export function rankForStar(
  catalogue: { scoring: string; levels: readonly { rank: number }[] },
  star: 3 | 4,
): number | null {
  if (catalogue.scoring !== 'levels') return null;
  const ranks = catalogue.levels.map((l) => l.rank).sort((a, b) => a - b);
  // ★ catalogues rank their levels 3, 4 (and 5); others (JAMA 1–3) are mapped by position.
  if (ranks.includes(3) && ranks.includes(4)) return star;
  return ranks[Math.min(star - 3, ranks.length - 1)] ?? null;
}
