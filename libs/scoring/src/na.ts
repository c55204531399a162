/**
 * "Not applicable" under control. Each criterion says whether N/A is allowed at all (`naPolicy`); an N/A answer
 * counts toward the claimed level only where it is allowed and comes with a non-empty reason, and toward the
 * confirmed level only once the reviewer has accepted it (see `ReviewInput`).
 */

/**
 * Whether a criterion may be answered "not applicable":
 * - `never`: the criterion applies to every organisation (policy, roles, incident response, backups, …); an N/A
 *   answer is treated as an unmet criterion and reported.
 * - `with_reason`: the scheme scopes the criterion to something an organisation may not have (servers, remote
 *   access, Wi-Fi, cloud services holding confidential data, in-house development, …); N/A counts only with a
 *   stated reason.
 */
export type NaPolicy = 'never' | 'with_reason';

export const NA_POLICIES: readonly NaPolicy[] = ['never', 'with_reason'];

/**
 * Policy assumed for a criterion that does not state one (catalogues imported from a publisher's file, and
 * campaign catalogue snapshots taken before the field existed): N/A allowed, but only with a reason.
 */
export const DEFAULT_NA_POLICY: NaPolicy = 'with_reason';

/**
 * Share of N/A answers (among the criteria in scope) above which a result carries `na.warning: true`, so a
 * buyer looks at the reasons before trusting the level. 0.2 = more than one criterion in five.
 */
export const NA_SHARE_WARNING_THRESHOLD = 0.2;

/** Reasons given for `not_applicable` answers, by criterion id. Blank or missing means "no reason". */
export type NaReasons = Readonly<Record<string, string | null | undefined>>;

/** A set of criterion ids, as a Set or a list. */
export type IdSet = ReadonlySet<string> | readonly string[];

/**
 * What a reviewer (the security expert at ★3, the evaluation body at ★4) has confirmed. Only confirmed
 * criteria count toward the confirmed level: a `met` answer when its id is in `confirmed`, an N/A answer when
 * it is allowed, has a reason and its id is in `acceptedNa`. Callers that do not know about N/A acceptance yet
 * pass an empty `acceptedNa`.
 */
export interface ReviewInput {
  /** Criteria whose `met` answer the reviewer confirmed. */
  confirmed: IdSet;
  /** Criteria whose N/A answer (and its reason) the reviewer accepted. */
  acceptedNa: IdSet;
}

/** How N/A answers were used, for the buyer to see. */
export interface NaSummary {
  /** N/A answers that count (allowed, with a reason), among the criteria in scope. */
  count: number;
  /** Criteria in scope (METI/JAMA: level ≤ target; points/checklist: all items). */
  total: number;
  /** count ÷ total (0 when total is 0), rounded to 4 decimals. */
  ratio: number;
  /** The threshold used (default `NA_SHARE_WARNING_THRESHOLD`). */
  threshold: number;
  /** True when `ratio` is above `threshold`. */
  warning: boolean;
  /** Criteria (whole catalogue, official order) answered N/A although their policy is `never`. */
  notAllowed: string[];
  /** Criteria (whole catalogue, official order) answered N/A with a blank or missing reason. */
  reasonMissing: string[];
  /** Counted N/A answers in scope the reviewer has not accepted (all of them when no review was given). */
  awaitingAcceptance: string[];
}

/** Options shared by every scoring kind. */
export interface NaOptions {
  /** Reasons for N/A answers. Without a reason an N/A answer never counts. */
  naReasons?: NaReasons;
  /** Override of `NA_SHARE_WARNING_THRESHOLD` (a ratio in [0, 1]). */
  naWarningThreshold?: number;
}

export function hasReason(reasons: NaReasons | undefined, id: string): boolean {
  if (reasons === undefined || !Object.hasOwn(reasons, id)) return false;
  const r = reasons[id];
  return typeof r === 'string' && r.trim().length > 0;
}

export function toSet(ids: IdSet | undefined): ReadonlySet<string> {
  if (ids === undefined) return EMPTY;
  return ids instanceof Set ? ids : new Set(ids as readonly string[]);
}

const EMPTY: ReadonlySet<string> = new Set<string>();

export function naRatio(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 10000) / 10000;
}

export function naThreshold(options: NaOptions): number {
  const t = options.naWarningThreshold;
  if (t === undefined) return NA_SHARE_WARNING_THRESHOLD;
  if (!Number.isFinite(t) || t < 0 || t > 1) {
    throw new RangeError(`naWarningThreshold must be a ratio between 0 and 1, got ${String(t)}`);
  }
  return t;
}
