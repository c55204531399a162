/**
 * Answer values and their compact codes.
 *
 * The convenient API takes answers as a record `{ [criterionId]: AnswerValue }`. The fast path takes a
 * `Uint8Array` of answer codes aligned with the compiled criterion order (see `compileCatalogue`); both give
 * identical results because the record form is encoded into codes before scoring.
 */

export const ANSWER_VALUES = ['met', 'not_met', 'partial', 'not_applicable', 'unknown'] as const;

export type AnswerValue = (typeof ANSWER_VALUES)[number];

/** Answers keyed by criterion id. A missing key (or `undefined`) means "not answered". */
export type AnswerRecord = Readonly<Record<string, AnswerValue | undefined>>;

/** Either form accepted by the scoring functions. */
export type AnswerInput = AnswerRecord | Uint8Array;

/** Code 0 is "no answer"; codes above 5 are treated like 0. */
export const ANSWER_CODES = {
  missing: 0,
  met: 1,
  not_met: 2,
  partial: 3,
  not_applicable: 4,
  unknown: 5,
} as const satisfies Record<AnswerValue | 'missing', number>;

export type AnswerCode = (typeof ANSWER_CODES)[keyof typeof ANSWER_CODES];

const CODE_TO_VALUE: readonly (AnswerValue | undefined)[] = [
  undefined,
  'met',
  'not_met',
  'partial',
  'not_applicable',
  'unknown',
];

export function isAnswerValue(value: unknown): value is AnswerValue {
  return typeof value === 'string' && (ANSWER_VALUES as readonly string[]).includes(value);
}

/** Code of one answer value; `undefined` (no answer) → 0. */
export function answerCode(value: AnswerValue | undefined): AnswerCode {
  return value === undefined ? ANSWER_CODES.missing : ANSWER_CODES[value];
}

/** Answer value of one code; 0 and unassigned codes → `undefined`. */
export function answerValueOf(code: number): AnswerValue | undefined {
  return CODE_TO_VALUE[code];
}

function table(entries: Partial<Record<AnswerValue, number>>, missing = 0): Int8Array {
  // 256 entries so that any byte of a Uint8Array indexes in bounds; unassigned codes behave like "missing".
  const t = new Int8Array(256).fill(missing);
  for (const value of ANSWER_VALUES) t[ANSWER_CODES[value]] = entries[value] ?? missing;
  t[ANSWER_CODES.missing] = missing;
  return t;
}

/** 1 when the answer satisfies a criterion (`met` or `not_applicable`). */
export const SATISFIED_BY_CODE = table({ met: 1, not_applicable: 1 });
/** 1 when the answer is `met`. */
export const MET_BY_CODE = table({ met: 1 });
/** 1 when the criterion counts as applicable (everything except `not_applicable`, including no answer). */
export const APPLICABLE_BY_CODE = table({ met: 1, not_met: 1, partial: 1, unknown: 1, not_applicable: 0 }, 1);

/** Plain-language label of an answer value (the words forms, exports and reuse labels show). */
export const ANSWER_LABELS: Readonly<Record<AnswerValue, { readonly ja: string; readonly en: string }>> =
  Object.freeze({
    met: Object.freeze({ ja: '実施している', en: 'met' }),
    partial: Object.freeze({ ja: '一部実施', en: 'partly met' }),
    not_met: Object.freeze({ ja: '実施していない', en: 'not met' }),
    not_applicable: Object.freeze({ ja: '該当しない', en: 'not applicable' }),
    unknown: Object.freeze({ ja: 'わからない', en: "don't know" }),
  });
