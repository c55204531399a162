import type { Catalogue } from '@tierstar/guidelines';
import {
  ANSWER_CODES,
  compileCatalogue,
  naCounts,
  scoreAssessment,
  type CompiledCatalogue,
  type NaReasons,
  type ReviewInput,
} from '@tierstar/scoring';
import type { SnapshotTally } from './score-snapshot.entity';

/** A campaign's catalogue snapshot, compiled once for scoring. */
export interface ScoringContext {
  readonly catalogue: Catalogue;
  readonly compiled: CompiledCatalogue;
}

export function scoringContext(catalogue: Catalogue): ScoringContext {
  return { catalogue, compiled: compileCatalogue(catalogue) };
}

/** True for each criterion (catalogue order) the supplier must answer: level ≤ target, or every one without a target. */
export function scopeMask(ctx: ScoringContext, target: number | null): boolean[] {
  const levelled = ctx.catalogue.scoring === 'levels' && target !== null;
  return ctx.catalogue.criteria.map((c) => !levelled || c.level <= target);
}

export function isInScope(ctx: ScoringContext, target: number | null, criterionId: string): boolean {
  const i = ctx.compiled.indexById.get(criterionId);
  if (i === undefined) return false;
  const c = ctx.catalogue.criteria[i]!;
  return ctx.catalogue.scoring !== 'levels' || target === null || c.level <= target;
}

/** The columns of score_snapshots other than the key and codes. */
export interface SnapshotFields {
  level: number | null;
  confirmedLevel: number | null;
  points: number | null;
  inScope: number;
  answered: number;
  met: number;
  applicable: number;
  levels: Record<string, SnapshotTally>;
  categories: Record<string, SnapshotTally>;
  gaps: string[];
}

/**
 * Scores one assessment from its answer codes (catalogue order). A "not applicable" answer counts only where the
 * criterion allows it and `naReasons` has its reason. `review`, when given (an evaluator is assigned), holds
 * what the evaluator confirmed; it yields the confirmed level.
 */
export function computeSnapshot(
  ctx: ScoringContext,
  codes: Uint8Array,
  target: number | null,
  review: ReviewInput | null,
  naReasons: NaReasons = {},
): SnapshotFields {
  const c = ctx.compiled;
  const mask = scopeMask(ctx, target);
  const categories: Record<string, SnapshotTally> = {};
  for (const g of c.groupIds) categories[g] = { met: 0, applicable: 0 };
  let inScope = 0;
  let answered = 0;
  let met = 0;
  let applicable = 0;
  for (let i = 0; i < c.size; i++) {
    if (!mask[i]) continue;
    inScope++;
    const code = codes[i] ?? 0;
    if (code !== ANSWER_CODES.missing) answered++;
    if (code === ANSWER_CODES.not_applicable && naCounts(c, i, naReasons)) continue;
    const tally = categories[c.groupIds[c.groupIndex[i]!]!]!;
    tally.applicable++;
    applicable++;
    if (code === ANSWER_CODES.met) {
      tally.met++;
      met++;
    }
  }

  const result = scoreAssessment(c, codes, {
    ...(target === null ? {} : { target }),
    naReasons,
    ...(review ? { review } : {}),
  });
  const levels: Record<string, SnapshotTally> = {};
  let level: number | null = null;
  let points: number | null = null;
  let confirmedLevel: number | null = null;
  if (result.kind === 'levels') {
    level = result.level;
    for (const l of result.levels) levels[String(l.rank)] = { met: l.met, applicable: l.applicable };
    confirmedLevel = result.confirmedLevel;
  } else if (result.kind === 'points') {
    points = result.points;
  }
  return {
    level,
    confirmedLevel,
    points,
    inScope,
    answered,
    met,
    applicable,
    levels,
    categories,
    gaps: result.gaps.filter((id) => mask[c.indexById.get(id)!]),
  };
}
