/**
 * Registry of the built-in catalogues and crosswalks. Data files are bundled as JSON; each catalogue is merged,
 * validated and frozen the first time it is asked for, then cached.
 */
import ipa5Meta from '../data/ipa-5kajo/3.1/catalogue.json';
import ipaSmeMeta from '../data/ipa-sme-selfcheck/3.1/catalogue.json';
import jamaMeta from '../data/jama-japia/2.3/catalogue.json';
import jamaPart1 from '../data/jama-japia/2.3/part-1.json';
import jamaPart2 from '../data/jama-japia/2.3/part-2.json';
import metiMeta from '../data/meti-scs/2026-03-27/catalogue.json';
import metiPart1 from '../data/meti-scs/2026-03-27/part-1.json';
import metiPart2 from '../data/meti-scs/2026-03-27/part-2.json';
import star5Meta from '../data/scs-star5-provisional/2026-03-27+jama-2.3/catalogue.json';
import ipaToMetiData from '../data/crosswalks/ipa-sme-selfcheck-3.1__meti-scs-2026-03-27.json';
import metiToJamaData from '../data/crosswalks/meti-scs-2026-03-27__jama-japia-2.3.json';
import { invertCrosswalk, invertLink } from './crosswalk';
import { buildCatalogue, deepFreeze } from './loader';
import type { Catalogue, Crosswalk, CrosswalkLink, LocalizedText, ScoringKind } from './model';
import { compareOfficialIds } from './order';
import { CatalogueValidationError, validateCrosswalk } from './schema';
import { composeStar5Profile } from './star5';

export interface CatalogueSummary {
  id: string;
  version: string;
  title: LocalizedText;
  provisional?: boolean;
  scoring: ScoringKind;
}

interface CatalogueEntry {
  summary: CatalogueSummary;
  load: () => Catalogue;
}

interface CrosswalkEntry {
  from: { id: string; version: string };
  to: { id: string; version: string };
  load: () => Crosswalk;
}

function summaryOf(meta: {
  id: string;
  version: string;
  title: LocalizedText;
  scoring: string;
  provisional?: boolean;
}): CatalogueSummary {
  return {
    id: meta.id,
    version: meta.version,
    title: meta.title,
    scoring: meta.scoring as ScoringKind,
    ...(meta.provisional ? { provisional: true } : {}),
  };
}

const catalogueCache = new Map<string, Catalogue>();
const crosswalkCache = new Map<string, Crosswalk>();
const key = (id: string, version: string): string => `${id}@${version}`;

function cachedCatalogue(id: string, version: string, build: () => Catalogue): () => Catalogue {
  return () => {
    const k = key(id, version);
    let c = catalogueCache.get(k);
    if (!c) {
      c = build();
      catalogueCache.set(k, c);
    }
    return c;
  };
}

const loadMeti = cachedCatalogue(metiMeta.id, metiMeta.version, () =>
  buildCatalogue(metiMeta, [metiPart1, metiPart2]),
);
const loadJama = cachedCatalogue(jamaMeta.id, jamaMeta.version, () =>
  buildCatalogue(jamaMeta, [jamaPart1, jamaPart2]),
);
const loadIpaSme = cachedCatalogue(ipaSmeMeta.id, ipaSmeMeta.version, () => buildCatalogue(ipaSmeMeta));
const loadIpa5 = cachedCatalogue(ipa5Meta.id, ipa5Meta.version, () => buildCatalogue(ipa5Meta));

function crosswalkLoader(
  data: unknown,
  from: () => Catalogue,
  to: () => Catalogue,
  name: string,
): () => Crosswalk {
  return () => {
    let x = crosswalkCache.get(name);
    if (!x) {
      const result = validateCrosswalk(data, { from: from(), to: to() });
      if (!result.ok) throw new CatalogueValidationError(`crosswalk ${name}`, result.issues);
      x = deepFreeze(result.value);
      crosswalkCache.set(name, x);
    }
    return x;
  };
}

const loadMetiToJama = crosswalkLoader(metiToJamaData, loadMeti, loadJama, metiToJamaData.id);
const loadIpaToMeti = crosswalkLoader(ipaToMetiData, loadIpaSme, loadMeti, ipaToMetiData.id);

const loadStar5 = cachedCatalogue(star5Meta.id, star5Meta.version, () =>
  composeStar5Profile(star5Meta, loadMeti(), loadJama(), loadMetiToJama()),
);

const CATALOGUES: CatalogueEntry[] = [
  { summary: summaryOf(metiMeta), load: loadMeti },
  { summary: summaryOf(jamaMeta), load: loadJama },
  { summary: summaryOf(ipaSmeMeta), load: loadIpaSme },
  { summary: summaryOf(ipa5Meta), load: loadIpa5 },
  { summary: summaryOf(star5Meta), load: loadStar5 },
];

const CROSSWALKS: CrosswalkEntry[] = [
  { from: metiToJamaData.fromCatalogue, to: metiToJamaData.toCatalogue, load: loadMetiToJama },
  { from: ipaToMetiData.fromCatalogue, to: ipaToMetiData.toCatalogue, load: loadIpaToMeti },
];

/** The built-in catalogues (every version), in a stable order. */
export function listCatalogues(): CatalogueSummary[] {
  return CATALOGUES.map((e) => ({ ...e.summary }));
}

/** A built-in catalogue; the latest version when `version` is omitted. */
export function getCatalogue(id: string, version?: string): Catalogue | undefined {
  const candidates = CATALOGUES.filter(
    (e) => e.summary.id === id && (version === undefined || e.summary.version === version),
  );
  const latest = candidates.sort((a, b) => compareOfficialIds(b.summary.version, a.summary.version))[0];
  return latest?.load();
}

function latestCrosswalk(fromId: string, toId: string): CrosswalkEntry | undefined {
  return CROSSWALKS.filter((e) => e.from.id === fromId && e.to.id === toId).sort(
    (a, b) =>
      compareOfficialIds(b.from.version, a.from.version) || compareOfficialIds(b.to.version, a.to.version),
  )[0];
}

/**
 * The crosswalk between two built-in catalogues (latest versions). When only the opposite direction is
 * stored, it is returned turned round (subset ↔ superset).
 */
export function getCrosswalk(fromId: string, toId: string): Crosswalk | undefined {
  const direct = latestCrosswalk(fromId, toId);
  if (direct) return direct.load();
  const reverse = latestCrosswalk(toId, fromId);
  return reverse ? deepFreeze(invertCrosswalk(reverse.load())) : undefined;
}

/** Every stored crosswalk, in the direction it is stored. */
export function listCrosswalks(): Crosswalk[] {
  return CROSSWALKS.map((e) => e.load());
}

/**
 * All links that touch one item, in any stored crosswalk, oriented so that `from` is the given item.
 * Hints (`source: 'hint'`) are included: callers must never prefill answers from them.
 */
export function crosswalkLinksFor(catalogueId: string, itemId: string): CrosswalkLink[] {
  const out: CrosswalkLink[] = [];
  for (const e of CROSSWALKS) {
    if (e.from.id !== catalogueId && e.to.id !== catalogueId) continue;
    for (const link of e.load().links) {
      if (link.from.catalogueId === catalogueId && link.from.itemId === itemId) out.push(link);
      else if (link.to.catalogueId === catalogueId && link.to.itemId === itemId) out.push(invertLink(link));
    }
  }
  return out;
}

/** Clears the caches (tests). */
export function resetRegistryCache(): void {
  catalogueCache.clear();
  crosswalkCache.clear();
}
