import { ANSWER_CODES, type AnswerInput, type AnswerValue } from './answers';
import { ensureCompiled, toCodes, type CompiledCatalogue, type ScoringCatalogueInput } from './catalogue';

/**
 * Points per answer in the IPA self-check (5分でできる！情報セキュリティ自社診断): 実施している 4, 一部実施している 2,
 * 実施していない 0, わからない −1.
 *
 * `not_applicable` scores 4: TierStar treats an item that does not apply (e.g. no Wi-Fi) as implemented, as an
 * older IPA commentary did. IPA v3.1 does not say this explicitly; the choice keeps a company without Wi-Fi from
 * losing points for it. No answer scores 0 and is listed in `unanswered`.
 */
export const IPA_POINTS: Readonly<Record<AnswerValue, number>> = {
  met: 4,
  partial: 2,
  not_met: 0,
  unknown: -1,
  not_applicable: 4,
};

/** Full points of one item. */
export const IPA_ITEM_MAX = 4;

export type IpaBand = '100' | '70-99' | '50-69' | '0-49';

/**
 * IPA score band of a total: 100; 70–99; 50–69; ≤49 (the lowest band, written '0-49', also holds negative totals
 * from many "don't know" answers).
 */
export function ipaBand(points: number): IpaBand {
  if (points >= 100) return '100';
  if (points >= 70) return '70-99';
  if (points >= 50) return '50-69';
  return '0-49';
}

const POINTS_BY_CODE = (() => {
  const t = new Int8Array(256);
  for (const [value, points] of Object.entries(IPA_POINTS) as [AnswerValue, number][])
    t[ANSWER_CODES[value]] = points;
  return t;
})();

export interface GroupPoints {
  id: string;
  points: number;
  max: number;
}

export interface PointsResult {
  kind: 'points';
  catalogueId: string;
  version: string;
  /** Sum of item points (max 100 for the 25-item self-check). */
  points: number;
  maxPoints: number;
  /** Band of `points` (see `ipaBand`). */
  band: IpaBand;
  /** Ids answered `unknown` (わからない), to look at again. */
  unknown: string[];
  /** Ids with no answer (scored 0). */
  unanswered: string[];
  /** Ids not `met` or `not_applicable` (the items to improve), in official order. */
  gaps: string[];
  /** Subtotal per group (IPA parts 1–3). */
  groups: GroupPoints[];
}

/** Scores a points catalogue (IPA 25-item self-check). */
export function scorePoints(
  cat: CompiledCatalogue | ScoringCatalogueInput,
  answers: AnswerInput,
): PointsResult {
  const c = ensureCompiled(cat);
  const codes = toCodes(c, answers);
  const groupPoints = new Int32Array(c.groupIds.length);
  const groupMax = new Int32Array(c.groupIds.length);
  const unknown: string[] = [];
  const unanswered: string[] = [];
  const gaps: string[] = [];
  let points = 0;
  const { missing, met, not_applicable, unknown: unknownCode } = ANSWER_CODES;
  for (let i = 0; i < c.size; i++) {
    const code = codes[i];
    const p = POINTS_BY_CODE[code];
    points += p;
    groupPoints[c.groupIndex[i]] += p;
    groupMax[c.groupIndex[i]] += IPA_ITEM_MAX;
    if (code === unknownCode) unknown.push(c.ids[i]);
    else if (code === missing || code > unknownCode) unanswered.push(c.ids[i]);
    if (code !== met && code !== not_applicable) gaps.push(c.ids[i]);
  }
  return {
    kind: 'points',
    catalogueId: c.id,
    version: c.version,
    points,
    maxPoints: c.size * IPA_ITEM_MAX,
    band: ipaBand(points),
    unknown,
    unanswered,
    gaps,
    groups: c.groupIds.map((id, g) => ({ id, points: groupPoints[g], max: groupMax[g] })),
  };
}
