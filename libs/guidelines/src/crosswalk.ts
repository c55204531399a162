/**
 * Crosswalk helpers: reading the JAMA/JAPIA reference column of the METI criteria file, and turning a crosswalk
 * round.
 */
import type { Crosswalk, CrosswalkLink, CrosswalkRelation } from './model';

export interface JamaCitation {
  /** JAMA item id as used by the built-in catalogue, e.g. "No.9". */
  itemId: string;
  /** Level printed next to the item (1–3); absent when the cell gives none. */
  citedLevel?: number;
  /**
   * Items that share one printed level, e.g. `No.91, No.92 (LV2)` → both carry LV2 and list each other
   * (the file does not say whether the level belongs to the last item only).
   */
  levelSharedWith?: string[];
}

export type ReferenceParseResult = { ok: true; citations: JamaCitation[] } | { ok: false; message: string };

const ENTRY = /^(?:No\.?\s*)?(\d+)\s*(?:\(\s*L(?:V|evel)\s*(?:\.\s*)?(\d+)\s*\))?$/i;

/**
 * Reads one cell of the METI file's 自工会/部工会 column: `"No.9 (LV1), No.10 (LV2) "`, `"No.91, No.92 (LV2)"`,
 * `"No.98, 102 (LV2)"`, with full-width spaces or line breaks between entries. An empty cell cites nothing.
 * Pure: used by the CSV/xlsx importers and to produce the committed METI → JAMA crosswalk.
 */
export function parseMetiReferenceColumn(cell: string): ReferenceParseResult {
  const normalized = cell.normalize('NFKC').trim();
  if (!normalized) return { ok: true, citations: [] };
  const entries = normalized
    .split(/[,、;]/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
  const citations: JamaCitation[] = [];
  let pending: JamaCitation[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const m = ENTRY.exec(entry);
    if (!m) return { ok: false, message: `cannot read "${entry}" (expected e.g. "No.9 (LV1)")` };
    const itemId = `No.${Number.parseInt(m[1] ?? '', 10)}`;
    if (seen.has(itemId)) continue;
    seen.add(itemId);
    const citation: JamaCitation = { itemId };
    citations.push(citation);
    pending.push(citation);
    if (m[2] !== undefined) {
      const level = Number.parseInt(m[2], 10);
      for (const c of pending) {
        c.citedLevel = level;
        if (pending.length > 1) c.levelSharedWith = pending.filter((o) => o !== c).map((o) => o.itemId);
      }
      pending = [];
    }
  }
  return { ok: true, citations };
}

/** Note text stored on an official METI → JAMA link. */
export function citationNote(c: JamaCitation): string {
  const level = c.citedLevel === undefined ? 'no level given' : `cited level LV${c.citedLevel}`;
  const shared = c.levelSharedWith?.length
    ? ` (printed once for ${[c.itemId, ...c.levelSharedWith].join(', ')})`
    : '';
  return `${level}${shared}`;
}

/** Official links from one METI criterion to the JAMA items its reference cell cites. */
export function metiJamaLinks(
  metiCatalogueId: string,
  criterionId: string,
  citations: readonly JamaCitation[],
  jamaCatalogueId = 'jama-japia',
): CrosswalkLink[] {
  return citations.map((c) => ({
    from: { catalogueId: metiCatalogueId, itemId: criterionId },
    to: { catalogueId: jamaCatalogueId, itemId: c.itemId },
    // The column gives a citation, not a relation: "intersect" is the weakest claim.
    relation: 'intersect',
    source: 'official',
    note: citationNote(c),
  }));
}

const INVERSE: Record<CrosswalkRelation, CrosswalkRelation> = {
  equal: 'equal',
  subset: 'superset',
  superset: 'subset',
  intersect: 'intersect',
};

export function invertLink(link: CrosswalkLink): CrosswalkLink {
  return { ...link, from: link.to, to: link.from, relation: INVERSE[link.relation] };
}

/** The same crosswalk read the other way (subset ↔ superset). */
export function invertCrosswalk(x: Crosswalk): Crosswalk {
  return {
    id: `${x.id}~inverse`,
    fromCatalogue: x.toCatalogue,
    toCatalogue: x.fromCatalogue,
    description: x.description,
    links: x.links.map(invertLink),
  };
}
