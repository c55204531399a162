/** fast-check arbitraries for synthetic catalogues and answers (specs only). */
import fc from 'fast-check';
import { ANSWER_VALUES, type AnswerValue } from '../answers';
import { type ScoringCatalogueInput } from '../catalogue';
import { type NaPolicy, type NaReasons, type ReviewInput } from '../na';
import { makeCatalogue } from './factory';

export const arbAnswerValue: fc.Arbitrary<AnswerValue> = fc.constantFrom(...ANSWER_VALUES);

/** A policy, or none (the scorer then assumes `with_reason`). */
const arbNaPolicy: fc.Arbitrary<NaPolicy | undefined> = fc.constantFrom<NaPolicy | undefined>(
  'never',
  'with_reason',
  undefined,
);

/** A levels catalogue with 1–4 ranks out of 1..5, 1–4 groups and 1–40 criteria in random order. */
export const arbLevelCatalogue: fc.Arbitrary<ScoringCatalogueInput> = fc
  .record({
    ranks: fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
    groupCount: fc.integer({ min: 1, max: 4 }),
    picks: fc.array(fc.tuple(fc.nat(), fc.nat(), arbNaPolicy), { minLength: 1, maxLength: 40 }),
  })
  .map(({ ranks, groupCount, picks }) => {
    const sorted = [...ranks].sort((a, b) => a - b);
    const groups = Array.from({ length: groupCount }, (_, g) => `g${g + 1}`);
    const criteria = picks.map(([r, g, naPolicy], i) => ({
      id: `c${i + 1}`,
      level: sorted[r % sorted.length],
      groupId: groups[g % groupCount],
      ...(naPolicy === undefined ? {} : { naPolicy }),
    }));
    return makeCatalogue({ ranks: sorted, groups, criteria });
  });

/** Answers for some of the catalogue's criteria (each missing with some probability). */
export function arbAnswers(
  cat: ScoringCatalogueInput,
): fc.Arbitrary<Record<string, AnswerValue | undefined>> {
  return fc
    .array(fc.option(arbAnswerValue, { nil: undefined }), {
      minLength: cat.criteria.length,
      maxLength: cat.criteria.length,
    })
    .map((values) => {
      const out: Record<string, AnswerValue | undefined> = {};
      cat.criteria.forEach((c, i) => {
        if (values[i] !== undefined) out[c.id] = values[i];
      });
      return out;
    });
}

/** N/A reasons for some criteria: real text, blank, whitespace only, or none. */
export function arbNaReasons(cat: ScoringCatalogueInput): fc.Arbitrary<NaReasons> {
  return fc
    .array(fc.constantFrom<string | undefined>('サーバーを持っていない', '', '  ', undefined), {
      minLength: cat.criteria.length,
      maxLength: cat.criteria.length,
    })
    .map((reasons) => {
      const out: Record<string, string> = {};
      cat.criteria.forEach((c, i) => {
        const r = reasons[i];
        if (r !== undefined) out[c.id] = r;
      });
      return out;
    });
}

/** A reviewer's confirmations and N/A acceptances over random subsets of the criteria. */
export function arbReview(cat: ScoringCatalogueInput): fc.Arbitrary<ReviewInput> {
  const ids = cat.criteria.map((c) => c.id);
  return fc.record({
    confirmed: fc.subarray(ids),
    acceptedNa: fc.subarray(ids).map((xs) => new Set(xs)),
  });
}

/** A catalogue together with answers to it. */
export const arbLevelAssessment = arbLevelCatalogue.chain((cat) =>
  arbAnswers(cat).map((answers) => ({ cat, answers })),
);

/** A catalogue, answers, N/A reasons and a reviewer's confirmations. */
export const arbReviewedAssessment = arbLevelCatalogue.chain((cat) =>
  fc.record({
    cat: fc.constant(cat),
    answers: arbAnswers(cat),
    naReasons: arbNaReasons(cat),
    review: arbReview(cat),
  }),
);
