/**
 * Straightforward reference scorer working on the catalogue and answer record directly (no compiled form, no
 * codes). Specs compare the optimised scorer against it.
 */
import { type AnswerRecord } from '../answers';
import { type ScoringCatalogueInput } from '../catalogue';

const satisfied = (v: string | undefined): boolean => v === 'met' || v === 'not_applicable';

export function referenceLevels(cat: ScoringCatalogueInput, answers: AnswerRecord, target?: number) {
  const ranks = [...new Set(cat.levels.map((l) => l.rank))].sort((a, b) => a - b);
  const t = target ?? ranks[ranks.length - 1];
  const answerOf = (id: string) => (Object.hasOwn(answers, id) ? answers[id] : undefined);
  const levels = ranks.map((rank) => {
    const inLevel = cat.criteria.filter((c) => c.level <= rank);
    const applicable = inLevel.filter((c) => answerOf(c.id) !== 'not_applicable').length;
    const met = inLevel.filter((c) => answerOf(c.id) === 'met').length;
    return { rank, met, applicable, reached: inLevel.every((c) => satisfied(answerOf(c.id))) };
  });
  const reached = levels.filter((l) => l.reached).map((l) => l.rank);
  const scope = cat.criteria.filter((c) => c.level <= t);
  return {
    level: reached.length === 0 ? null : Math.max(...reached),
    levels,
    categories: cat.groups.map((g) => {
      const inGroup = scope.filter((c) => c.groupId === g.id);
      return {
        id: g.id,
        met: inGroup.filter((c) => answerOf(c.id) === 'met').length,
        applicable: inGroup.filter((c) => answerOf(c.id) !== 'not_applicable').length,
      };
    }),
    gaps: scope.filter((c) => !satisfied(answerOf(c.id))).map((c) => c.id),
  };
}
