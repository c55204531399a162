/**
 * What a buyer may learn about suppliers that did not give it their full answers, in any figure computed from
 * several suppliers (heat map, ★ distribution, remediation totals, "hidden" counts, exports). Pure rules; the
 * insights service counts, these decide.
 *
 * Who is who, seen from the viewer: its own suppliers (Tier 1, `direct`) and Tier 2 suppliers with consent
 * `full` are visible row by row; `summary` Tier 2 suppliers are visible row by row for ★, category rates and
 * the open remediation count only; `none` Tier 2 suppliers are never visible.
 *
 * 1. `none` suppliers count only in unfiltered figures (no campaign, tag, criticality or region filter). With a
 *    filter they count nowhere, so no two filter results can be subtracted to isolate one of them.
 * 2. A group of suppliers behind a figure (a tier, a tier × category cell) is hidden when it holds 1 to K−1
 *    suppliers that are not `full` (summary + none), and also when it holds 1 to K−1 `none` suppliers: the
 *    summary rows are visible one by one, so the viewer could subtract them and isolate the `none` ones.
 * 3. Overdue remediation counts are not part of `summary`: a figure summing them over summary suppliers is
 *    shown only in unfiltered answers (rule 2 then guarantees at least K suppliers whose count is not visible).
 */

/** k of k-anonymity: no figure summarises fewer than this many suppliers whose data the viewer cannot see. */
export const K_ANONYMITY = 5;

/** How a supplier's data reaches the viewer: its own supplier (direct) or a Tier 2 supplier's consent. */
export type ContributorConsent = 'direct' | 'full' | 'summary' | 'none';

/** The suppliers of one group that are not `full`, by consent. */
export interface GroupCounts {
  summary: number;
  none: number;
}

/** The filters that narrow a result; catalogue and tier choose what is measured, not whom. */
export interface NarrowingFilters {
  campaignId?: string | undefined;
  tag?: string | undefined;
  criticality?: string | undefined;
  region?: string | undefined;
}

const few = (n: number): boolean => n > 0 && n < K_ANONYMITY;

/** Rule 1: whether `none` suppliers count in this answer at all. */
export function countsAnonymous(f: NarrowingFilters): boolean {
  return !f.campaignId && !f.tag && !f.criticality && !f.region;
}

/** Rule 2: whether a group's figures may be shown. */
export function groupShown(c: GroupCounts): boolean {
  return !few(c.summary + c.none) && !few(c.none);
}

/** Rule 3: whether the group's overdue remediation total may be shown. */
export function overdueShown(c: GroupCounts, anonymousCounted: boolean): boolean {
  return groupShown(c) && (c.summary === 0 || anonymousCounted);
}

/** Counts one group's non-full suppliers as they are added. */
export class GroupTally implements GroupCounts {
  summary = 0;
  none = 0;

  add(consent: ContributorConsent, n = 1): void {
    if (consent === 'summary') this.summary += n;
    else if (consent === 'none') this.none += n;
  }
}
