import { ANSWER_LABELS, type AnswerRecord, type AnswerValue } from './answers';
import { ensureCompiled, type CompiledCatalogue, type ScoringCatalogueInput } from './catalogue';
import { toSet, type IdSet } from './na';

/** NIST IR 8278 relationship, read as "from-item <relation> to-item". */
export type CrosswalkRelation = 'equal' | 'subset' | 'superset' | 'intersect';

/** Structural subset of `CrosswalkLink` from the guidelines model. */
export interface CrosswalkLinkInput {
  readonly from: { readonly catalogueId: string; readonly itemId: string };
  readonly to: { readonly catalogueId: string; readonly itemId: string };
  readonly relation: CrosswalkRelation;
  readonly source: 'official' | 'tierstar' | 'hint';
  /**
   * Derived flag some producers store (libs/guidelines does): `relationImpliesMet(relation)` for non-hint
   * links. Projection always derives it from the relation as read in the direction used, so a stored value
   * never widens what a link implies.
   */
  readonly implied?: boolean;
}

/** Structural subset of `Crosswalk` from the guidelines model. */
export interface CrosswalkInput {
  readonly id: string;
  readonly fromCatalogue: { readonly id: string };
  readonly toCatalogue: { readonly id: string };
  readonly links: readonly CrosswalkLinkInput[];
}

/** A text in Japanese and English. */
export interface LocalizedLabel {
  ja: string;
  en: string;
}

/** One linked source item and its answer. */
export interface SourceAnswer {
  itemId: string;
  value: AnswerValue;
}

/**
 * An answer carried over from another catalogue (or another assessment). Never a confirmed answer: the person
 * answering chooses, and `label` says where the hint comes from.
 */
export interface ProjectedAnswer {
  /** What the linked answers suggest (weakest link, see `projectAnswers`). Informational. */
  suggested: AnswerValue;
  /**
   * The value a form may pre-select: `suggested` when `implied`, otherwise null (show `label`, select nothing).
   * So `met` is never pre-selected through a link that does not imply it, and `not_applicable` never where the
   * target criterion does not allow it (when the target catalogue is given).
   */
  preselect: AnswerValue | null;
  /**
   * True when `suggested` follows from the relations alone: `met` through an `equal`/`superset` link (source ⊇
   * target), `not_met` through a failing `equal`/`subset` link, `not_applicable` through a covering link. False
   * for overlapping (`intersect`) or narrower (`subset`) links and mixed answers.
   */
  implied: boolean;
  reused: true;
  confirmed: false;
  /** Linked source item ids whose answers informed the suggestion, in link order. */
  from: string[];
  /** Those source items with their answers, in link order. */
  sources: SourceAnswer[];
  /** Id of the crosswalk used. */
  via: string;
  /** "A related item of <guideline> was answered <value>", in Japanese and English. */
  label: LocalizedLabel;
}

export interface ProjectionOptions {
  /** Catalogue the answers belong to. Default: the crosswalk's `fromCatalogue`. */
  sourceCatalogueId?: string;
  /** Catalogue to suggest answers for. Default: the other side of the crosswalk. */
  targetCatalogueId?: string;
  /** Name of the source guideline used in labels (e.g. 自工会/部工会ガイドライン 2.3版). Default: its id. */
  sourceGuideline?: LocalizedLabel;
  /** The target catalogue: when given, N/A is pre-selected only where the target criterion allows it. */
  target?: CompiledCatalogue | ScoringCatalogueInput;
}

/**
 * Whether a link "source <relation> target" lets a `met` source imply a `met` target: only when the source
 * covers the target (`equal`, or `superset` = the source item is wider than the target). `subset` (the target
 * asks for more, e.g. a stricter deadline) and `intersect` (overlap only) never imply it.
 */
export function relationImpliesMet(relation: CrosswalkRelation): boolean {
  return relation === 'equal' || relation === 'superset';
}

/** The reading of a relation from the other side ("a subset b" ⇔ "b superset a"). */
export function inverseRelation(relation: CrosswalkRelation): CrosswalkRelation {
  return INVERSE[relation];
}

const INVERSE: Readonly<Record<CrosswalkRelation, CrosswalkRelation>> = {
  equal: 'equal',
  subset: 'superset',
  superset: 'subset',
  intersect: 'intersect',
};

interface OrientedLink {
  sourceId: string;
  /** "source <relation> target". */
  relation: CrosswalkRelation;
}

const INFORMATIVE: ReadonlySet<AnswerValue> = new Set<AnswerValue>([
  'met',
  'not_met',
  'partial',
  'not_applicable',
]);

/**
 * Suggests answers for a target catalogue from answers to a source catalogue, through a crosswalk. Links can be
 * used in either direction (relations are inverted when the crosswalk is read backwards); `hint` links never
 * prefill. Per target item, over its linked source items ("source <relation> target"):
 *
 * 1. No linked source has an informative answer (met, not_met, partial, not_applicable) → omitted.
 * 2. A source answered `not_met` or `partial` → `not_met` when that link is `equal`, `subset` (the target
 *    contains the source, so it fails too), `superset` (conservative: the source covering the target failed) or
 *    it is the target's only link.
 * 3. Weakest link: every linked source answered `met` → `met`. `not_applicable` never supports `met`, and one
 *    unanswered source is enough to withhold it. The official METI ↔ JAMA links are `intersect` (the METI file
 *    cites items, it states no relation), so `met` does not always follow logically: `implied` says whether it
 *    does (some `equal`/`superset` link covers the target).
 * 4. Every linked source answered `not_applicable` and one covers the target (`equal`/`superset`) →
 *    `not_applicable`.
 * 5. Otherwise `partial` when some source is met or partial, else `unknown`.
 *
 * Suggestions are marked `reused: true, confirmed: false` and carry a `label`; only `preselect` (non-null only
 * when implied) may be pre-selected in a form.
 */
export function projectAnswers(
  crosswalk: CrosswalkInput,
  answers: AnswerRecord,
  options: ProjectionOptions = {},
): Record<string, ProjectedAnswer> {
  const sourceCat = options.sourceCatalogueId ?? crosswalk.fromCatalogue.id;
  const targetCat =
    options.targetCatalogueId ??
    (sourceCat === crosswalk.fromCatalogue.id ? crosswalk.toCatalogue.id : crosswalk.fromCatalogue.id);

  const byTarget = new Map<string, OrientedLink[]>();
  const add = (targetId: string, link: OrientedLink): void => {
    const list = byTarget.get(targetId);
    if (list === undefined) byTarget.set(targetId, [link]);
    else if (!list.some((l) => l.sourceId === link.sourceId)) list.push(link);
  };
  for (const link of crosswalk.links) {
    if (link.source === 'hint') continue;
    if (link.from.catalogueId === sourceCat && link.to.catalogueId === targetCat) {
      add(link.to.itemId, { sourceId: link.from.itemId, relation: link.relation });
    } else if (link.to.catalogueId === sourceCat && link.from.catalogueId === targetCat) {
      add(link.from.itemId, { sourceId: link.to.itemId, relation: INVERSE[link.relation] });
    }
  }

  const target = options.target === undefined ? undefined : ensureCompiled(options.target);
  const guideline = options.sourceGuideline ?? { ja: sourceCat, en: sourceCat };
  const out: Record<string, ProjectedAnswer> = {};
  for (const [targetId, links] of byTarget) {
    const projected = projectOne(links, answers);
    if (projected === undefined) continue;
    const sources: SourceAnswer[] = [];
    for (const l of links) {
      const a = answerOf(answers, l.sourceId);
      if (a !== undefined && INFORMATIVE.has(a)) sources.push({ itemId: l.sourceId, value: a });
    }
    out[targetId] = {
      suggested: projected.value,
      preselect: projected.implied && naFits(target, targetId, projected.value) ? projected.value : null,
      implied: projected.implied,
      reused: true,
      confirmed: false,
      from: sources.map((x) => x.itemId),
      sources,
      via: crosswalk.id,
      label: relatedLabel(guideline, sources),
    };
  }
  return out;
}

/** False only when the target catalogue is known and the criterion does not allow N/A. */
function naFits(target: CompiledCatalogue | undefined, targetId: string, value: AnswerValue): boolean {
  if (value !== 'not_applicable' || target === undefined) return true;
  const i = target.indexById.get(targetId);
  return i !== undefined && target.naAllowed[i] === 1;
}

/** "A related item of <guideline> was answered <value>" for one or several source items. */
export function relatedLabel(guideline: LocalizedLabel, sources: readonly SourceAnswer[]): LocalizedLabel {
  if (sources.length === 1) {
    const [s] = sources;
    const v = ANSWER_LABELS[s.value];
    return {
      ja: `${guideline.ja}の関連項目 ${s.itemId} の回答は「${v.ja}」でした`,
      en: `A related item of ${guideline.en} (${s.itemId}) was answered "${v.en}"`,
    };
  }
  return {
    ja: `${guideline.ja}の関連項目の回答: ${sources.map((s) => `${s.itemId}「${ANSWER_LABELS[s.value].ja}」`).join('、')}`,
    en: `Related items of ${guideline.en} were answered: ${sources.map((s) => `${s.itemId} "${ANSWER_LABELS[s.value].en}"`).join(', ')}`,
  };
}

/** "Your earlier answer (<guideline>) was <value>", for an answer copied within the same catalogue. */
export function earlierLabel(guideline: LocalizedLabel, value: AnswerValue): LocalizedLabel {
  const v = ANSWER_LABELS[value];
  return {
    ja: `以前の回答(${guideline.ja})は「${v.ja}」でした`,
    en: `Your earlier answer (${guideline.en}) was "${v.en}"`,
  };
}

/** One earlier assessment whose answers may be reused. */
export interface ReuseSource {
  /** The earlier assessment's id (what `validSourceIds` lists). */
  id: string;
  catalogueId: string;
  /** Name of its guideline, used in labels. */
  guideline: LocalizedLabel;
  answers: AnswerRecord;
}

export interface ReuseOptions {
  /** Catalogue of the assessment being answered. */
  targetCatalogueId: string;
  /**
   * Ids of the sources still within their validity. A source not listed here is never reused, whatever its
   * answers: the caller (the API, which knows valid-from/valid-until) decides.
   */
  validSourceIds: IdSet;
  /** Crosswalks that may link a source catalogue to the target (either direction; hint links never prefill). */
  crosswalks: readonly CrosswalkInput[];
  /** The target catalogue, so N/A is pre-selected only where it is allowed. */
  target?: CompiledCatalogue | ScoringCatalogueInput;
}

/** A reused answer, with the source assessment it came from. `via` is null for a same-catalogue copy. */
export interface ReusedAnswer extends Omit<ProjectedAnswer, 'via'> {
  sourceId: string;
  via: string | null;
}

/**
 * Suggestions for a target assessment from earlier assessments, in the given priority order (e.g. newest
 * first): the first valid source that says something about a criterion wins. Same catalogue → the earlier
 * answer is copied (implied, pre-selectable; N/A only where allowed). Other catalogue → `projectAnswers`
 * through the crosswalk between the two. Sources missing from `validSourceIds` are skipped.
 */
export function reuseAnswers(
  sources: readonly ReuseSource[],
  options: ReuseOptions,
): Record<string, ReusedAnswer> {
  const valid = toSet(options.validSourceIds);
  const target = options.target === undefined ? undefined : ensureCompiled(options.target);
  const out: Record<string, ReusedAnswer> = {};
  for (const source of sources) {
    if (!valid.has(source.id)) continue;
    if (source.catalogueId === options.targetCatalogueId) {
      for (const [itemId, value] of Object.entries(source.answers)) {
        if (value === undefined || Object.hasOwn(out, itemId)) continue;
        if (target !== undefined && !target.indexById.has(itemId)) continue;
        out[itemId] = {
          suggested: value,
          preselect: naFits(target, itemId, value) ? value : null,
          implied: true,
          reused: true,
          confirmed: false,
          from: [itemId],
          sources: [{ itemId, value }],
          via: null,
          label: earlierLabel(source.guideline, value),
          sourceId: source.id,
        };
      }
      continue;
    }
    const crosswalk = options.crosswalks.find(
      (x) =>
        (x.fromCatalogue.id === source.catalogueId && x.toCatalogue.id === options.targetCatalogueId) ||
        (x.toCatalogue.id === source.catalogueId && x.fromCatalogue.id === options.targetCatalogueId),
    );
    if (crosswalk === undefined) continue;
    const projected = projectAnswers(crosswalk, source.answers, {
      sourceCatalogueId: source.catalogueId,
      targetCatalogueId: options.targetCatalogueId,
      sourceGuideline: source.guideline,
      ...(target === undefined ? {} : { target }),
    });
    for (const [itemId, p] of Object.entries(projected)) {
      if (Object.hasOwn(out, itemId)) continue;
      out[itemId] = { ...p, sourceId: source.id };
    }
  }
  return out;
}

function answerOf(answers: AnswerRecord, id: string): AnswerValue | undefined {
  return Object.hasOwn(answers, id) ? answers[id] : undefined;
}

function projectOne(
  links: readonly OrientedLink[],
  answers: AnswerRecord,
): { value: AnswerValue; implied: boolean } | undefined {
  const values = links.map((l) => answerOf(answers, l.sourceId));
  if (!values.some((v) => v !== undefined && INFORMATIVE.has(v))) return undefined;

  const only = links.length === 1;
  const failing = links.filter((_, i) => values[i] === 'not_met' || values[i] === 'partial');
  if (failing.some((l) => only || l.relation !== 'intersect')) {
    return {
      value: 'not_met',
      implied: failing.some((l) => l.relation === 'equal' || l.relation === 'subset'),
    };
  }

  const covers = links.some((l) => relationImpliesMet(l.relation));
  if (values.every((v) => v === 'met')) return { value: 'met', implied: covers };
  if (values.every((v) => v === 'not_applicable') && covers)
    return { value: 'not_applicable', implied: true };
  if (values.some((v) => v === 'met' || v === 'partial')) return { value: 'partial', implied: false };
  return { value: 'unknown', implied: false };
}
