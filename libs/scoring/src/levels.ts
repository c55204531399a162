import { ANSWER_CODES, type AnswerInput } from './answers';
import { ensureCompiled, toCodes, type CompiledCatalogue, type ScoringCatalogueInput } from './catalogue';
import {
  hasReason,
  naRatio,
  naThreshold,
  toSet,
  type NaOptions,
  type NaSummary,
  type ReviewInput,
} from './na';

/**
 * met / applicable for a level (cumulative) or a group. `applicable` leaves out the N/A answers that count
 * (allowed, with a reason); an N/A answer that does not count is applicable and unmet.
 */
export interface Tally {
  met: number;
  applicable: number;
  /** met ÷ applicable × 100, one decimal; null when nothing is applicable. */
  percent: number | null;
}

export interface LevelTally extends Tally {
  rank: number;
  /**
   * The level is reached: every lower level is reached, every criterion at or below this rank is satisfied
   * (`met`, or an N/A that counts), and at least one criterion at exactly this rank is applicable.
   */
  reached: boolean;
  /** Same rule, counting only what the reviewer confirmed (always false without a review). */
  confirmedReached: boolean;
  provisional: boolean;
  /** N/A answers that count, cumulative over criteria with level ≤ rank. */
  notApplicable: number;
  /** Applicable criteria at exactly this rank (0 → the level cannot be reached). */
  applicableAtLevel: number;
}

export interface GroupTally extends Tally {
  id: string;
}

export interface LevelsResult {
  kind: 'levels';
  catalogueId: string;
  version: string;
  provisional: boolean;
  /** Highest rank reached (the claimed level), or null. */
  level: number | null;
  /** Highest rank reached counting only reviewer-confirmed criteria; null without a review. Never above `level`. */
  confirmedLevel: number | null;
  /** Rank the categories, gaps and N/A share were computed for (default: the highest rank). */
  target: number;
  /** One entry per level rank, ascending; cumulative over criteria with level ≤ rank. */
  levels: LevelTally[];
  /** One entry per group (category / label), over criteria with level ≤ target. */
  categories: GroupTally[];
  /** Ids of criteria with level ≤ target that are not satisfied, in official order. */
  gaps: string[];
  /** N/A share among the criteria with level ≤ target, and the N/A answers that do not count. */
  na: NaSummary;
}

export interface LevelsOptions extends NaOptions {
  /** Rank to compute categories, gaps and the N/A share for (e.g. 3 for ★3). Default: highest rank. */
  target?: number;
  /** The reviewer's confirmations; gives `confirmedLevel`. */
  review?: ReviewInput;
}

export function percentOf(met: number, applicable: number): number | null {
  return applicable === 0 ? null : Math.round((met / applicable) * 1000) / 10;
}

// Scratch counters reused across calls (scoring is synchronous, so no call can observe another's buffers).
// Allocating typed arrays per assessment costs more than the counting loop itself.
let scratchMet = new Int32Array(64);
let scratchApplicable = new Int32Array(64);
let scratchNa = new Int32Array(16);
let scratchConfirmed = new Int32Array(16);

/** Number of level ranks at or below `target` (criteria with levelIndex below it are in scope). */
function rankCount(ranks: readonly number[], target: number): number {
  let k = 0;
  while (k < ranks.length && ranks[k] <= target) k++;
  return k;
}

/**
 * Scores a cumulative-levels catalogue (METI ★3/★4/★5, JAMA Lv1–3). `met` satisfies a criterion; so does
 * `not_applicable` where the criterion allows it and `naReasons` gives a reason. Everything else (not_met,
 * partial, unknown, no answer, an N/A that does not count) leaves it unsatisfied. Level L is reached when every
 * lower level is reached, every criterion with level ≤ L is satisfied, and some criterion at exactly L applies.
 */
export function scoreLevels(
  cat: CompiledCatalogue | ScoringCatalogueInput,
  answers: AnswerInput,
  options: LevelsOptions = {},
): LevelsResult {
  const c = ensureCompiled(cat);
  const codes = toCodes(c, answers);
  const threshold = naThreshold(options);
  const reasons = options.naReasons;
  const review = options.review;
  const confirmedIds = toSet(review?.confirmed);
  const acceptedNa = toSet(review?.acceptedNa);
  const ranks = c.ranks;
  const nLevels = ranks.length;
  const nGroups = c.groupIds.length;
  const target = options.target ?? ranks[nLevels - 1];
  const inScope = rankCount(ranks, target);

  // One pass: per (level, group) cell counters, per-level confirmation counters, the gap and N/A lists.
  const cells = nLevels * nGroups;
  if (scratchMet.length < cells) {
    scratchMet = new Int32Array(cells);
    scratchApplicable = new Int32Array(cells);
  }
  const met = scratchMet;
  const applicable = scratchApplicable;
  met.fill(0, 0, cells);
  applicable.fill(0, 0, cells);
  if (scratchNa.length < nLevels) {
    scratchNa = new Int32Array(nLevels);
    scratchConfirmed = new Int32Array(nLevels);
  }
  const naAt = scratchNa;
  const confirmedAt = scratchConfirmed;
  naAt.fill(0, 0, nLevels);
  confirmedAt.fill(0, 0, nLevels);
  const gaps: string[] = [];
  const notAllowed: string[] = [];
  const reasonMissing: string[] = [];
  const awaitingAcceptance: string[] = [];
  // Locals, not module bindings: transpiled CommonJS reads imported bindings through getters.
  const MET = ANSWER_CODES.met;
  const NOT_APPLICABLE = ANSWER_CODES.not_applicable;
  const cell = c.cellIndex;
  const levelIndex = c.levelIndex;
  const naAllowed = c.naAllowed;
  const ids = c.ids;
  const n = c.size;
  for (let i = 0; i < n; i++) {
    const code = codes[i];
    const k = cell[i];
    const l = levelIndex[i];
    if (code === MET) {
      met[k]++;
      applicable[k]++;
      if (review !== undefined && confirmedIds.has(ids[i])) confirmedAt[l]++;
      continue;
    }
    if (code === NOT_APPLICABLE) {
      if (naAllowed[i] === 1 && hasReason(reasons, ids[i])) {
        // Satisfied and not applicable.
        naAt[l]++;
        if (acceptedNa.has(ids[i])) confirmedAt[l]++;
        else if (l < inScope) awaitingAcceptance.push(ids[i]);
        continue;
      }
      (naAllowed[i] === 1 ? reasonMissing : notAllowed).push(ids[i]);
    }
    // not_met, partial, unknown, no answer, unassigned codes, an N/A that does not count: applicable, unmet.
    applicable[k]++;
    if (l < inScope) gaps.push(ids[i]);
  }

  const levels: LevelTally[] = new Array<LevelTally>(nLevels);
  let cumMet = 0;
  let cumApplicable = 0;
  let cumNa = 0;
  let cumSize = 0;
  let cumConfirmed = 0;
  let level: number | null = null;
  let confirmedLevel: number | null = null;
  let lowerReached = true;
  let lowerConfirmed = true;
  for (let l = 0; l < nLevels; l++) {
    const base = l * nGroups;
    let applicableHere = 0;
    for (let g = 0; g < nGroups; g++) {
      cumMet += met[base + g];
      applicableHere += applicable[base + g];
    }
    cumApplicable += applicableHere;
    cumNa += naAt[l];
    cumSize += c.rankSizes[l];
    cumConfirmed += confirmedAt[l];
    // Cumulative counts: a level needs every lower level, and something at this level that really applies.
    const reached: boolean = lowerReached && applicableHere > 0 && cumMet + cumNa === cumSize;
    const confirmedReached: boolean =
      review !== undefined && reached && lowerConfirmed && cumConfirmed === cumSize;
    if (reached) level = ranks[l];
    if (confirmedReached) confirmedLevel = ranks[l];
    lowerReached = reached;
    lowerConfirmed = confirmedReached;
    levels[l] = {
      rank: ranks[l],
      met: cumMet,
      applicable: cumApplicable,
      percent: percentOf(cumMet, cumApplicable),
      reached,
      confirmedReached,
      provisional: c.provisionalRanks[l],
      notApplicable: cumNa,
      applicableAtLevel: applicableHere,
    };
  }

  const categories: GroupTally[] = new Array<GroupTally>(nGroups);
  for (let g = 0; g < nGroups; g++) {
    let m = 0;
    let a = 0;
    for (let l = 0; l < inScope; l++) {
      m += met[l * nGroups + g];
      a += applicable[l * nGroups + g];
    }
    categories[g] = { id: c.groupIds[g], met: m, applicable: a, percent: percentOf(m, a) };
  }

  let naInScope = 0;
  let sizeInScope = 0;
  for (let l = 0; l < inScope; l++) {
    naInScope += naAt[l];
    sizeInScope += c.rankSizes[l];
  }
  const ratio = naRatio(naInScope, sizeInScope);

  return {
    kind: 'levels',
    catalogueId: c.id,
    version: c.version,
    provisional: c.provisional,
    level,
    confirmedLevel,
    target,
    levels,
    categories,
    gaps,
    na: {
      count: naInScope,
      total: sizeInScope,
      ratio,
      threshold,
      warning: ratio > threshold,
      notAllowed,
      reasonMissing,
      awaitingAcceptance,
    },
  };
}
