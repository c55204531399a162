import {
  APPLICABLE_BY_CODE,
  ANSWER_CODES,
  MET_BY_CODE,
  SATISFIED_BY_CODE,
  type AnswerInput,
} from './answers';
import { ensureCompiled, toCodes, type CompiledCatalogue, type ScoringCatalogueInput } from './catalogue';
import { percentOf } from './levels';

export interface ChecklistResult {
  kind: 'checklist';
  catalogueId: string;
  version: string;
  /** Every item is `met` or `not_applicable`. */
  satisfied: boolean;
  met: number;
  /** Items not answered `not_applicable`. */
  applicable: number;
  percent: number | null;
  /** Unsatisfied item ids in official order. */
  gaps: string[];
  /** Ids with no answer. */
  unanswered: string[];
}

/** Scores a flat checklist (SECURITY ACTION 5か条): satisfied when every item is satisfied. */
export function scoreChecklist(
  cat: CompiledCatalogue | ScoringCatalogueInput,
  answers: AnswerInput,
): ChecklistResult {
  const c = ensureCompiled(cat);
  const codes = toCodes(c, answers);
  let met = 0;
  let applicable = 0;
  const gaps: string[] = [];
  const unanswered: string[] = [];
  const [metBy, applicableBy, satisfiedBy] = [MET_BY_CODE, APPLICABLE_BY_CODE, SATISFIED_BY_CODE];
  const { missing, unknown } = ANSWER_CODES;
  for (let i = 0; i < c.size; i++) {
    const code = codes[i];
    met += metBy[code];
    applicable += applicableBy[code];
    if (satisfiedBy[code] === 0) gaps.push(c.ids[i]);
    if (code === missing || code > unknown) unanswered.push(c.ids[i]);
  }
  return {
    kind: 'checklist',
    catalogueId: c.id,
    version: c.version,
    satisfied: gaps.length === 0,
    met,
    applicable,
    percent: percentOf(met, applicable),
    gaps,
    unanswered,
  };
}
