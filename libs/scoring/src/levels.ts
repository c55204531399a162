import { ANSWER_CODES, type AnswerInput } from './answers';
import { ensureCompiled, toCodes, type CompiledCatalogue, type ScoringCatalogueInput } from './catalogue';

/** met / applicable for a level (cumulative) or a group. `applicable` leaves out `not_applicable` answers. */
export interface Tally {
  met: number;
  applicable: number;
  /** met ÷ applicable × 100, one decimal; null when nothing is applicable. */
  percent: number | null;
}

export interface LevelTally extends Tally {
  rank: number;
  /** Every criterion at or below this rank is `met` or `not_applicable` (⇔ met === applicable). */
  reached: boolean;
  provisional: boolean;
}

export interface GroupTally extends Tally {
  id: string;
}

export interface LevelsResult {
  kind: 'levels';
  catalogueId: string;
  version: string;
  provisional: boolean;
  /** Highest rank reached, or null. */
  level: number | null;
  /** Rank the categories and gaps were computed for (default: the highest rank). */
  target: number;
  /** One entry per level rank, ascending; cumulative over criteria with level ≤ rank. */
  levels: LevelTally[];
  /** One entry per group (category / label), over criteria with level ≤ target. */
  categories: GroupTally[];
  /** Ids of criteria with level ≤ target that are not satisfied, in official order. */
  gaps: string[];
}

export interface LevelsOptions {
  /** Rank to compute categories and gaps for (e.g. 3 for ★3). Default: highest rank of the catalogue. */
  target?: number;
}

export function percentOf(met: number, applicable: number): number | null {
  return applicable === 0 ? null : Math.round((met / applicable) * 1000) / 10;
}

// Scratch counters reused across calls (scoring is synchronous, so no call can observe another's buffers).
// Allocating two typed arrays per assessment costs more than the counting loop itself.
let scratchMet = new Int32Array(64);
let scratchApplicable = new Int32Array(64);

/** Number of level ranks at or below `target` (criteria with levelIndex below it are in scope). */
function rankCount(ranks: readonly number[], target: number): number {
  let k = 0;
  while (k < ranks.length && ranks[k] <= target) k++;
  return k;
}

/**
 * Scores a cumulative-levels catalogue (METI ★3/★4/★5, JAMA Lv1–3). `met` and `not_applicable` satisfy a
 * criterion; `not_met`, `partial`, `unknown` and no answer do not. Level L is reached when every criterion with
 * level ≤ L is satisfied.
 */
export function scoreLevels(
  cat: CompiledCatalogue | ScoringCatalogueInput,
  answers: AnswerInput,
  options: LevelsOptions = {},
): LevelsResult {
  const c = ensureCompiled(cat);
  const codes = toCodes(c, answers);
  const ranks = c.ranks;
  const nLevels = ranks.length;
  const nGroups = c.groupIds.length;
  const target = options.target ?? ranks[nLevels - 1];
  const inScope = rankCount(ranks, target);

  // One pass: per (level, group) cell counters, plus the gap list.
  const cells = nLevels * nGroups;
  if (scratchMet.length < cells) {
    scratchMet = new Int32Array(cells);
    scratchApplicable = new Int32Array(cells);
  }
  const met = scratchMet;
  const applicable = scratchApplicable;
  met.fill(0, 0, cells);
  applicable.fill(0, 0, cells);
  const gaps: string[] = [];
  // Locals, not module bindings: transpiled CommonJS reads imported bindings through getters.
  const MET = ANSWER_CODES.met;
  const NOT_APPLICABLE = ANSWER_CODES.not_applicable;
  const cell = c.cellIndex;
  const levelIndex = c.levelIndex;
  const ids = c.ids;
  const n = c.size;
  for (let i = 0; i < n; i++) {
    const code = codes[i];
    const k = cell[i];
    // met: satisfied and applicable; not_applicable: satisfied, not applicable; anything else (not_met, partial,
    // unknown, no answer, unassigned codes): applicable and unsatisfied.
    if (code === MET) {
      met[k]++;
      applicable[k]++;
    } else if (code !== NOT_APPLICABLE) {
      applicable[k]++;
      if (levelIndex[i] < inScope) gaps.push(ids[i]);
    }
  }

  const levels: LevelTally[] = new Array<LevelTally>(nLevels);
  let cumMet = 0;
  let cumApplicable = 0;
  let level: number | null = null;
  for (let l = 0; l < nLevels; l++) {
    const base = l * nGroups;
    for (let g = 0; g < nGroups; g++) {
      cumMet += met[base + g];
      cumApplicable += applicable[base + g];
    }
    // Cumulative counts: reaching rank l implies every lower rank was reached.
    const reached: boolean = cumMet === cumApplicable;
    if (reached) level = ranks[l];
    levels[l] = {
      rank: ranks[l],
      met: cumMet,
      applicable: cumApplicable,
      percent: percentOf(cumMet, cumApplicable),
      reached,
      provisional: c.provisionalRanks[l],
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

  return {
    kind: 'levels',
    catalogueId: c.id,
    version: c.version,
    provisional: c.provisional,
    level,
    target,
    levels,
    categories,
    gaps,
  };
}
