/**
 * Test factories for small synthetic catalogues (used by specs only; not exported from the library).
 */
import { type AnswerRecord, type AnswerValue } from '../answers';
import { type ScoringCatalogueInput, type ScoringCriterionInput, type ScoringKind } from '../catalogue';

export interface CatalogueSpec {
  id?: string;
  version?: string;
  scoring?: ScoringKind;
  ranks?: readonly number[];
  provisionalRanks?: readonly number[];
  groups?: readonly string[];
  criteria: readonly ScoringCriterionInput[];
}

/** A catalogue from a list of criteria; groups default to the groups the criteria use, in first-use order. */
export function makeCatalogue(spec: CatalogueSpec): ScoringCatalogueInput {
  const scoring = spec.scoring ?? 'levels';
  const ranks = spec.ranks ?? [...new Set(spec.criteria.map((c) => c.level))].sort((a, b) => a - b);
  const groups = spec.groups ?? [...new Set(spec.criteria.map((c) => c.groupId))];
  return {
    id: spec.id ?? `test-${scoring}`,
    version: spec.version ?? '2026-01-01',
    scoring,
    levels: ranks.map((rank) => ({ rank, provisional: spec.provisionalRanks?.includes(rank) ?? false })),
    groups: groups.map((id) => ({ id })),
    criteria: spec.criteria,
  };
}

/**
 * Criteria from a compact layout: `{ g1: { 3: 2, 4: 1 } }` → g1-3-1, g1-3-2, g1-4-1 (group, level, count), in
 * the given group order and ascending level.
 */
export function criteriaFrom(
  layout: Readonly<Record<string, Readonly<Record<number, number>>>>,
): ScoringCriterionInput[] {
  const out: ScoringCriterionInput[] = [];
  for (const [groupId, perLevel] of Object.entries(layout)) {
    const levels = Object.keys(perLevel)
      .map(Number)
      .sort((a, b) => a - b);
    for (const level of levels) {
      for (let k = 1; k <= perLevel[level]; k++) out.push({ id: `${groupId}-${level}-${k}`, groupId, level });
    }
  }
  return out;
}

/** A METI-shaped synthetic catalogue: 3 groups, ★3 and ★4. */
export function smallStarCatalogue(): ScoringCatalogueInput {
  return makeCatalogue({
    id: 'test-stars',
    criteria: criteriaFrom({ g1: { 3: 2, 4: 1 }, g2: { 3: 1, 4: 2 }, g3: { 4: 1 } }),
  });
}

/** Points catalogue of `n` items "1".."n" in groups of five (IPA style). */
export function pointsCatalogue(n = 25): ScoringCatalogueInput {
  const criteria = Array.from({ length: n }, (_, i) => ({
    id: String(i + 1),
    groupId: `p${Math.floor(i / 5) + 1}`,
    level: 1,
  }));
  return makeCatalogue({ id: 'test-points', scoring: 'points', ranks: [1], criteria });
}

export function checklistCatalogue(n = 5): ScoringCatalogueInput {
  const criteria = Array.from({ length: n }, (_, i) => ({ id: String(i + 1), groupId: 'all', level: 1 }));
  return makeCatalogue({ id: 'test-checklist', scoring: 'checklist', ranks: [1], criteria });
}

/** Every criterion of `cat` answered `value`, then `overrides` applied. */
export function answersAll(
  cat: ScoringCatalogueInput,
  value: AnswerValue,
  overrides: AnswerRecord = {},
): Record<string, AnswerValue | undefined> {
  const out: Record<string, AnswerValue | undefined> = {};
  for (const c of cat.criteria) out[c.id] = value;
  return { ...out, ...overrides };
}
