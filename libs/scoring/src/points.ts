import { ANSWER_CODES, type AnswerInput, type AnswerValue } from './answers';
import { ensureCompiled, toCodes, type CompiledCatalogue, type ScoringCatalogueInput } from './catalogue';
import { hasReason, naRatio, naThreshold, type NaOptions, type NaSummary } from './na';

/**
 * Points per answer in the IPA self-check (5分でできる！情報セキュリティ自社診断): 実施している 4, 一部実施している 2,
 * 実施していない 0, わからない −1.
 *
 * `not_applicable` scores 4 where the item allows N/A and a reason is given: TierStar treats an item that does
 * not apply (e.g. no Wi-Fi) as implemented, as an older IPA commentary did. IPA v3.1 does not say this
 * explicitly; the choice keeps a company without Wi-Fi from losing points for it. An N/A answer that does not
 * count (the item never allows N/A, or no reason) scores 0 and is reported in `na`. No answer scores 0 and is
 * listed in `unanswered`.
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

/**
 * What each band means and what to do next (TierStar's own words). A result carries the advice of its band so
 * a stored snapshot can show it as it was.
 */
export const IPA_BAND_ADVICE: Readonly<Record<IpaBand, { readonly ja: string; readonly en: string }>> =
  Object.freeze({
    '100': Object.freeze({
      ja: '自社診断の25項目はすべて実施できています。入門レベルの対策は整っているので、次は情報セキュリティ基本方針を定めて公開し(SECURITY ACTION 二つ星)、SCS ★3 の評価基準に取り組みましょう。',
      en: 'All 25 self-check items are in place, so the entry-level basics are covered. Next, write and publish an information security basic policy (SECURITY ACTION two stars) and start on the SCS ★3 criteria.',
    }),
    '70-99': Object.freeze({
      ja: 'おおむね実施できていますが、弱いところが残っています。点数の低い項目と「わからない」と答えた項目から、担当者と期限を決めて手を打ちましょう。',
      en: 'Most measures are in place, but some weak spots remain. Start with the low-scoring items and every "don\'t know" answer, and give each one an owner and a deadline.',
    }),
    '50-69': Object.freeze({
      ja: '対策の抜けが目立ちます。各項目の説明を読み、「実施していない」項目のうち費用のかからないもの(更新の適用、パスワード、共有設定など)から始めましょう。',
      en: 'There are clear gaps. Read the explanation of each item and begin with the "not met" items that cost nothing to fix, such as applying updates, passwords and sharing settings.',
    }),
    '0-49': Object.freeze({
      ja: 'いつ事故が起きてもおかしくない状態です。まず情報セキュリティ5か条(更新、ウイルス対策、パスワード、共有設定、手口を知る)をすぐに実行し、そのうえで残りの項目に順に取り組みましょう。',
      en: 'An incident could happen at any time. Put the five basic measures in place straight away (updates, anti-virus, passwords, sharing settings, knowing the attack methods), then work through the remaining items.',
    }),
  });

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
  /** What the band means and what to do next (`IPA_BAND_ADVICE`). */
  bandAdvice: { ja: string; en: string };
  /** Ids answered `unknown` (わからない), to look at again. */
  unknown: string[];
  /** Ids with no answer (scored 0). */
  unanswered: string[];
  /** Ids not `met` or `not_applicable` (the items to improve), in official order. */
  gaps: string[];
  /** Subtotal per group (IPA parts 1–3). */
  groups: GroupPoints[];
  /** N/A share over all items, and N/A answers that do not count. */
  na: NaSummary;
}

/** Scores a points catalogue (IPA 25-item self-check). */
export function scorePoints(
  cat: CompiledCatalogue | ScoringCatalogueInput,
  answers: AnswerInput,
  options: NaOptions = {},
): PointsResult {
  const c = ensureCompiled(cat);
  const codes = toCodes(c, answers);
  const threshold = naThreshold(options);
  const notAllowed: string[] = [];
  const reasonMissing: string[] = [];
  const counted: string[] = [];
  const groupPoints = new Int32Array(c.groupIds.length);
  const groupMax = new Int32Array(c.groupIds.length);
  const unknown: string[] = [];
  const unanswered: string[] = [];
  const gaps: string[] = [];
  let points = 0;
  const { missing, met, not_applicable, unknown: unknownCode } = ANSWER_CODES;
  for (let i = 0; i < c.size; i++) {
    const code = codes[i];
    let p = POINTS_BY_CODE[code];
    let satisfied = code === met;
    if (code === not_applicable) {
      if (c.naAllowed[i] === 1 && hasReason(options.naReasons, c.ids[i])) {
        satisfied = true;
        counted.push(c.ids[i]);
      } else {
        p = 0;
        (c.naAllowed[i] === 1 ? reasonMissing : notAllowed).push(c.ids[i]);
      }
    }
    points += p;
    groupPoints[c.groupIndex[i]] += p;
    groupMax[c.groupIndex[i]] += IPA_ITEM_MAX;
    if (code === unknownCode) unknown.push(c.ids[i]);
    else if (code === missing || code > unknownCode) unanswered.push(c.ids[i]);
    if (!satisfied) gaps.push(c.ids[i]);
  }
  const band = ipaBand(points);
  const ratio = naRatio(counted.length, c.size);
  return {
    kind: 'points',
    catalogueId: c.id,
    version: c.version,
    points,
    maxPoints: c.size * IPA_ITEM_MAX,
    band,
    bandAdvice: { ...IPA_BAND_ADVICE[band] },
    unknown,
    unanswered,
    gaps,
    groups: c.groupIds.map((id, g) => ({ id, points: groupPoints[g], max: groupMax[g] })),
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
