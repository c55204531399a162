/**
 * Straightforward reference scorer working on the catalogue and answer record directly (no compiled form, no
 * codes). Specs compare the optimised scorer against it.
 */
import { type AnswerRecord } from '../answers';
import { type ScoringCatalogueInput, type ScoringCriterionInput } from '../catalogue';
import { type NaReasons, type ReviewInput } from '../na';

export interface ReferenceOptions {
  target?: number;
  naReasons?: NaReasons;
  review?: ReviewInput;
}

export function referenceLevels(
  cat: ScoringCatalogueInput,
  answers: AnswerRecord,
  options: ReferenceOptions = {},
) {
  const ranks = [...new Set(cat.levels.map((l) => l.rank))].sort((a, b) => a - b);
  const t = options.target ?? ranks[ranks.length - 1];
  const answerOf = (id: string) => (Object.hasOwn(answers, id) ? answers[id] : undefined);
  const reasonOf = (id: string) =>
    options.naReasons && Object.hasOwn(options.naReasons, id) ? options.naReasons[id] : undefined;
  /** An N/A answer that counts: allowed by the criterion's policy and given with a non-blank reason. */
  const naCounts = (c: ScoringCriterionInput) =>
    answerOf(c.id) === 'not_applicable' &&
    (c.naPolicy ?? 'with_reason') === 'with_reason' &&
    (reasonOf(c.id) ?? '').trim() !== '';
  const satisfied = (c: ScoringCriterionInput) => answerOf(c.id) === 'met' || naCounts(c);
  const has = (ids: ReviewInput['confirmed'] | undefined, id: string) =>
    ids !== undefined && [...ids].includes(id);
  const confirmed = (c: ScoringCriterionInput) =>
    options.review !== undefined &&
    ((answerOf(c.id) === 'met' && has(options.review.confirmed, c.id)) ||
      (naCounts(c) && has(options.review.acceptedNa, c.id)));

  let lower = true;
  let lowerConfirmed = true;
  const levels = ranks.map((rank) => {
    const inLevel = cat.criteria.filter((c) => c.level <= rank);
    const atLevel = cat.criteria.filter((c) => c.level === rank);
    const applicable = inLevel.filter((c) => !naCounts(c)).length;
    const met = inLevel.filter((c) => answerOf(c.id) === 'met').length;
    const applicableAtLevel = atLevel.filter((c) => !naCounts(c)).length;
    const reached = lower && applicableAtLevel > 0 && inLevel.every(satisfied);
    const confirmedReached = reached && lowerConfirmed && inLevel.every(confirmed);
    lower = reached;
    lowerConfirmed = confirmedReached;
    return { rank, met, applicable, reached, confirmedReached, applicableAtLevel };
  });
  const top = (pick: (l: (typeof levels)[number]) => boolean) => {
    const hits = levels.filter(pick).map((l) => l.rank);
    return hits.length === 0 ? null : Math.max(...hits);
  };
  const scope = cat.criteria.filter((c) => c.level <= t);
  const na = (c: ScoringCriterionInput) => answerOf(c.id) === 'not_applicable';
  return {
    level: top((l) => l.reached),
    confirmedLevel: options.review === undefined ? null : top((l) => l.confirmedReached),
    levels,
    categories: cat.groups.map((g) => {
      const inGroup = scope.filter((c) => c.groupId === g.id);
      return {
        id: g.id,
        met: inGroup.filter((c) => answerOf(c.id) === 'met').length,
        applicable: inGroup.filter((c) => !naCounts(c)).length,
      };
    }),
    gaps: scope.filter((c) => !satisfied(c)).map((c) => c.id),
    naCount: scope.filter(naCounts).length,
    notAllowed: cat.criteria.filter((c) => na(c) && c.naPolicy === 'never').map((c) => c.id),
    reasonMissing: cat.criteria
      .filter((c) => na(c) && c.naPolicy !== 'never' && !naCounts(c))
      .map((c) => c.id),
  };
}
