import { ANSWER_CODES, type AnswerInput } from './answers';
import { ensureCompiled, toCodes, type CompiledCatalogue, type ScoringCatalogueInput } from './catalogue';
import { percentOf } from './levels';
import { hasReason, naRatio, naThreshold, type NaOptions, type NaSummary } from './na';

export interface ChecklistResult {
  kind: 'checklist';
  catalogueId: string;
  version: string;
  /** Every item is satisfied (`met`, or an N/A that counts) and at least one item applies. */
  satisfied: boolean;
  met: number;
  /** Items not answered with an N/A that counts. */
  applicable: number;
  percent: number | null;
  /** Unsatisfied item ids in official order. */
  gaps: string[];
  /** Ids with no answer. */
  unanswered: string[];
  /** N/A share over all items, and N/A answers that do not count. */
  na: NaSummary;
}

/**
 * Scores a flat checklist (SECURITY ACTION 5か条): satisfied when every item is satisfied and something applies
 * (an all-N/A checklist is never satisfied).
 */
export function scoreChecklist(
  cat: CompiledCatalogue | ScoringCatalogueInput,
  answers: AnswerInput,
  options: NaOptions = {},
): ChecklistResult {
  const c = ensureCompiled(cat);
  const codes = toCodes(c, answers);
  const threshold = naThreshold(options);
  let met = 0;
  let applicable = 0;
  const gaps: string[] = [];
  const unanswered: string[] = [];
  const counted: string[] = [];
  const notAllowed: string[] = [];
  const reasonMissing: string[] = [];
  const { missing, unknown, met: MET, not_applicable: NA } = ANSWER_CODES;
  for (let i = 0; i < c.size; i++) {
    const code = codes[i];
    const id = c.ids[i];
    if (code === missing || code > unknown) unanswered.push(id);
    if (code === MET) {
      met++;
      applicable++;
      continue;
    }
    if (code === NA) {
      if (c.naAllowed[i] === 1 && hasReason(options.naReasons, id)) {
        counted.push(id);
        continue;
      }
      (c.naAllowed[i] === 1 ? reasonMissing : notAllowed).push(id);
    }
    applicable++;
    gaps.push(id);
  }
  const ratio = naRatio(counted.length, c.size);
  return {
    kind: 'checklist',
    catalogueId: c.id,
    version: c.version,
    satisfied: gaps.length === 0 && applicable > 0,
    met,
    applicable,
    percent: percentOf(met, applicable),
    gaps,
    unanswered,
    na: {
      count: counted.length,
      total: c.size,
      ratio,
      threshold,
      warning: ratio > threshold,
      notAllowed,
      reasonMissing,
      awaitingAcceptance: counted,
    },
  };
}
