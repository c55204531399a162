import { type AnswerRecord, type AnswerValue } from './answers';

/** NIST IR 8278 relationship, read as "from-item <relation> to-item". */
export type CrosswalkRelation = 'equal' | 'subset' | 'superset' | 'intersect';

/** Structural subset of `CrosswalkLink` from the guidelines model. */
export interface CrosswalkLinkInput {
  readonly from: { readonly catalogueId: string; readonly itemId: string };
  readonly to: { readonly catalogueId: string; readonly itemId: string };
  readonly relation: CrosswalkRelation;
  readonly source: 'official' | 'tierstar' | 'hint';
}

/** Structural subset of `Crosswalk` from the guidelines model. */
export interface CrosswalkInput {
  readonly id: string;
  readonly fromCatalogue: { readonly id: string };
  readonly toCatalogue: { readonly id: string };
  readonly links: readonly CrosswalkLinkInput[];
}

/** A suggested answer, reused from another catalogue. Never a confirmed answer. */
export interface ProjectedAnswer {
  value: AnswerValue;
  reused: true;
  confirmed: false;
  /** Linked source item ids whose answers informed the suggestion, in link order. */
  from: string[];
  /** Id of the crosswalk used. */
  via: string;
  /**
   * True when the value follows from the relations alone: `met` through an `equal`/`superset` link, `not_met`
   * through a failing `equal`/`subset` link, `not_applicable` through a covering link. False for weaker
   * suggestions (overlapping links, mixed answers).
   */
  implied: boolean;
}

export interface ProjectionOptions {
  /** Catalogue the answers belong to. Default: the crosswalk's `fromCatalogue`. */
  sourceCatalogueId?: string;
  /** Catalogue to suggest answers for. Default: the other side of the crosswalk. */
  targetCatalogueId?: string;
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
 * Suggestions are marked `reused: true, confirmed: false`; callers show them for confirmation.
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

  const out: Record<string, ProjectedAnswer> = {};
  for (const [targetId, links] of byTarget) {
    const projected = projectOne(links, answers);
    if (projected === undefined) continue;
    const from = links
      .filter((l) => {
        const a = answerOf(answers, l.sourceId);
        return a !== undefined && INFORMATIVE.has(a);
      })
      .map((l) => l.sourceId);
    out[targetId] = { ...projected, reused: true, confirmed: false, from, via: crosswalk.id };
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

  const covers = links.some((l) => l.relation === 'equal' || l.relation === 'superset');
  if (values.every((v) => v === 'met')) return { value: 'met', implied: covers };
  if (values.every((v) => v === 'not_applicable') && covers)
    return { value: 'not_applicable', implied: true };
  if (values.some((v) => v === 'met' || v === 'partial')) return { value: 'partial', implied: false };
  return { value: 'unknown', implied: false };
}
