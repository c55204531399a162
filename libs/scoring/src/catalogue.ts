import {
  answerCode,
  answerValueOf,
  isAnswerValue,
  type AnswerInput,
  type AnswerRecord,
  type AnswerValue,
} from './answers';
import { DEFAULT_NA_POLICY, NA_POLICIES, hasReason, type NaPolicy, type NaReasons } from './na';

/** How a catalogue is scored (same values as the guidelines model). */
export type ScoringKind = 'levels' | 'points' | 'checklist';

/** The few criterion fields scoring reads. `Criterion` from the guidelines model satisfies it. */
export interface ScoringCriterionInput {
  readonly id: string;
  readonly groupId: string;
  /** Rank of the level that first requires this criterion (METI 3/4/5, JAMA 1/2/3). */
  readonly level: number;
  /** Whether "not applicable" is allowed (default `DEFAULT_NA_POLICY`, i.e. only with a reason). */
  readonly naPolicy?: NaPolicy;
}

/**
 * The minimal catalogue shape scoring needs. `Catalogue` from libs/guidelines satisfies it structurally, so this
 * library never imports the guidelines library.
 */
export interface ScoringCatalogueInput {
  readonly id: string;
  readonly version: string;
  readonly scoring: ScoringKind;
  readonly provisional?: boolean;
  readonly levels: readonly { readonly rank: number; readonly provisional?: boolean }[];
  readonly groups: readonly { readonly id: string }[];
  /** All criteria in official order. */
  readonly criteria: readonly ScoringCriterionInput[];
}

const COMPILED = Symbol('tierstar.compiledCatalogue');

/**
 * Index form of a catalogue, built once by `compileCatalogue` and reused for every assessment. Criterion `i` of
 * every array is criterion `i` of the catalogue (official order), which is also position `i` of an answer-code
 * array.
 */
export interface CompiledCatalogue {
  readonly [COMPILED]: true;
  readonly id: string;
  readonly version: string;
  readonly kind: ScoringKind;
  readonly provisional: boolean;
  /** Number of criteria. */
  readonly size: number;
  /** Criterion ids in official order. */
  readonly ids: readonly string[];
  readonly indexById: ReadonlyMap<string, number>;
  /** Level ranks, ascending (levels catalogues; empty for points/checklist). */
  readonly ranks: readonly number[];
  /** Provisional flag per entry of `ranks`. */
  readonly provisionalRanks: readonly boolean[];
  /** Group ids in catalogue order. */
  readonly groupIds: readonly string[];
  /** Per criterion: index into `ranks` (levels catalogues; 0 otherwise). */
  readonly levelIndex: Uint8Array;
  /** Per criterion: index into `groupIds`. */
  readonly groupIndex: Uint16Array;
  /** Per criterion: `levelIndex * groupIds.length + groupIndex`, the counter cell it adds to. */
  readonly cellIndex: Uint32Array;
  /** Per criterion: 1 when "not applicable" is allowed (with a reason), 0 when its policy is `never`. */
  readonly naAllowed: Uint8Array;
  /** Per entry of `ranks`: number of criteria at exactly that rank. */
  readonly rankSizes: readonly number[];
}

export class CatalogueCompileError extends Error {
  constructor(
    readonly catalogueId: string,
    readonly problems: readonly string[],
  ) {
    super(`catalogue ${catalogueId} cannot be scored: ${problems.join('; ')}`);
    this.name = 'CatalogueCompileError';
  }
}

export function isCompiledCatalogue(value: unknown): value is CompiledCatalogue {
  return typeof value === 'object' && value !== null && COMPILED in value;
}

/**
 * Builds the index form of a catalogue. Throws `CatalogueCompileError` on duplicate criterion ids, criteria in
 * unknown groups, or (levels catalogues) criteria whose level is not one of the catalogue's level ranks.
 */
export function compileCatalogue(cat: ScoringCatalogueInput): CompiledCatalogue {
  const problems: string[] = [];
  const kind = cat.scoring;
  const ranks = kind === 'levels' ? [...new Set(cat.levels.map((l) => l.rank))].sort((a, b) => a - b) : [];
  if (kind === 'levels' && ranks.length === 0) problems.push('a levels catalogue needs at least one level');
  if (ranks.length > 255) problems.push('more than 255 levels');
  const provisionalRanks = ranks.map((r) => cat.levels.some((l) => l.rank === r && l.provisional === true));
  const groupIds = cat.groups.map((g) => g.id);
  const groupPos = new Map<string, number>();
  groupIds.forEach((id, i) => {
    if (groupPos.has(id)) problems.push(`duplicate group id ${id}`);
    else groupPos.set(id, i);
  });
  if (groupIds.length > 65535) problems.push('more than 65535 groups');
  const rankPos = new Map(ranks.map((r, i) => [r, i]));

  const n = cat.criteria.length;
  const ids: string[] = new Array<string>(n);
  const indexById = new Map<string, number>();
  const levelIndex = new Uint8Array(n);
  const groupIndex = new Uint16Array(n);
  const cellIndex = new Uint32Array(n);
  const naAllowed = new Uint8Array(n);
  const rankSizes = ranks.map(() => 0);
  cat.criteria.forEach((c, i) => {
    ids[i] = c.id;
    if (indexById.has(c.id)) problems.push(`duplicate criterion id ${c.id}`);
    else indexById.set(c.id, i);
    const g = groupPos.get(c.groupId);
    if (g === undefined) problems.push(`criterion ${c.id} is in unknown group ${c.groupId}`);
    const l = kind === 'levels' ? rankPos.get(c.level) : 0;
    if (l === undefined)
      problems.push(`criterion ${c.id} has level ${c.level}, which is not a level of the catalogue`);
    levelIndex[i] = l ?? 0;
    if (l !== undefined && kind === 'levels') rankSizes[l]++;
    const policy: unknown = c.naPolicy ?? DEFAULT_NA_POLICY;
    if (!(NA_POLICIES as readonly unknown[]).includes(policy))
      problems.push(`criterion ${c.id} has an unknown naPolicy ${String(policy)}`);
    naAllowed[i] = policy === 'with_reason' ? 1 : 0;
    groupIndex[i] = g ?? 0;
    cellIndex[i] = (l ?? 0) * groupIds.length + (g ?? 0);
  });
  if (problems.length > 0) throw new CatalogueCompileError(cat.id, problems);

  return Object.freeze({
    [COMPILED]: true as const,
    id: cat.id,
    version: cat.version,
    kind,
    provisional: cat.provisional === true,
    size: n,
    ids: Object.freeze(ids),
    indexById,
    ranks: Object.freeze(ranks),
    provisionalRanks: Object.freeze(provisionalRanks),
    groupIds: Object.freeze(groupIds),
    levelIndex,
    groupIndex,
    cellIndex,
    naAllowed,
    rankSizes: Object.freeze(rankSizes),
  });
}

const cache = new WeakMap<ScoringCatalogueInput, CompiledCatalogue>();

/** Accepts a compiled catalogue or a catalogue (compiled once and cached per catalogue object). */
export function ensureCompiled(cat: CompiledCatalogue | ScoringCatalogueInput): CompiledCatalogue {
  if (isCompiledCatalogue(cat)) return cat;
  let compiled = cache.get(cat);
  if (compiled === undefined) {
    compiled = compileCatalogue(cat);
    cache.set(cat, compiled);
  }
  return compiled;
}

/**
 * Encodes a record of answers into codes aligned with the compiled criterion order. Answers to ids the catalogue
 * does not contain are ignored (use `checkAnswerRecord` to report them). Throws `RangeError` for a value that is
 * not an `AnswerValue` (possible only with unchecked runtime input).
 */
export function encodeAnswers(
  cat: CompiledCatalogue | ScoringCatalogueInput,
  answers: AnswerRecord,
): Uint8Array {
  const c = ensureCompiled(cat);
  const codes = new Uint8Array(c.size);
  const ids = c.ids;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const value: unknown = Object.hasOwn(answers, id) ? answers[id] : undefined;
    if (value === undefined) continue;
    if (!isAnswerValue(value))
      throw new RangeError(`answer to ${id} is not a valid answer value: ${String(value)}`);
    codes[i] = answerCode(value);
  }
  return codes;
}

/** Decodes answer codes back into a record (no-answer codes are left out). */
export function decodeAnswers(
  cat: CompiledCatalogue | ScoringCatalogueInput,
  codes: Uint8Array,
): Record<string, AnswerValue> {
  const c = ensureCompiled(cat);
  checkCodesLength(c, codes);
  const out: Record<string, AnswerValue> = {};
  for (let i = 0; i < c.size; i++) {
    const v = answerValueOf(codes[i]);
    if (v !== undefined) out[c.ids[i]] = v;
  }
  return out;
}

export function checkCodesLength(c: CompiledCatalogue, codes: Uint8Array): void {
  if (codes.length !== c.size) {
    throw new RangeError(
      `answer codes for ${c.id}@${c.version} must have length ${c.size}, got ${codes.length}`,
    );
  }
}

/** Answer codes for either input form. */
export function toCodes(c: CompiledCatalogue, answers: AnswerInput): Uint8Array {
  if (answers instanceof Uint8Array) {
    checkCodesLength(c, answers);
    return answers;
  }
  return encodeAnswers(c, answers);
}

export interface AnswerRecordProblems {
  /** Keys that are not criterion ids of the catalogue, in input order. */
  unknownIds: string[];
  /** Entries whose value is not one of ANSWER_VALUES. */
  invalidValues: { id: string; value: unknown }[];
}

/**
 * Checks untrusted input (e.g. parsed JSON) against a catalogue. Returns the typed record when it is clean,
 * otherwise the problems found.
 */
export function checkAnswerRecord(
  cat: CompiledCatalogue | ScoringCatalogueInput,
  input: Readonly<Record<string, unknown>>,
): { ok: true; answers: Record<string, AnswerValue> } | ({ ok: false } & AnswerRecordProblems) {
  const c = ensureCompiled(cat);
  const unknownIds: string[] = [];
  const invalidValues: { id: string; value: unknown }[] = [];
  const answers: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(input)) {
    if (!c.indexById.has(id)) unknownIds.push(id);
    else if (!isAnswerValue(value)) invalidValues.push({ id, value });
    else answers[id] = value;
  }
  if (unknownIds.length > 0 || invalidValues.length > 0) return { ok: false, unknownIds, invalidValues };
  return { ok: true, answers };
}

/**
 * True when criterion `index` of `c`, answered `not_applicable`, counts as satisfied for the claimed level: its
 * policy allows N/A and `reasons` holds a non-empty reason for it.
 */
export function naCounts(c: CompiledCatalogue, index: number, reasons: NaReasons | undefined): boolean {
  return c.naAllowed[index] === 1 && hasReason(reasons, c.ids[index]);
}
