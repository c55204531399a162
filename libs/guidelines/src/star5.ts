/**
 * The provisional ★5 profile: METI has not defined ★5, so TierStar offers a clearly labelled stand-in made of
 * every METI ★3/★4 criterion plus, at ★5, the JAMA/JAPIA Lv3 items that no METI criterion cites.
 */
import { buildCatalogue } from './loader';
import type { Catalogue, CatalogueGroup, Criterion, Crosswalk } from './model';

export const STAR5_RANK = 5;
export const JAMA_TOP_LEVEL = 3;

/** Group id used in the profile for a JAMA/JAPIA label (METI already uses "1".."7"). */
export const star5JamaGroupId = (labelId: string): string => `jama-${labelId}`;

/** JAMA items at `level` that no link of the official METI → JAMA crosswalk points to. */
export function uncitedJamaItems(
  jama: Catalogue,
  metiToJama: Crosswalk,
  level = JAMA_TOP_LEVEL,
): Criterion[] {
  const cited = new Set(
    metiToJama.links
      .filter((l) => l.source === 'official' && l.to.catalogueId === jama.id)
      .map((l) => l.to.itemId),
  );
  return jama.criteria.filter((c) => c.level === level && !cited.has(c.id));
}

/**
 * Builds the profile from its metadata file (`levels` must include a provisional rank 5) and the METI and JAMA
 * catalogues. Throws if the result is not a valid catalogue.
 */
export function composeStar5Profile(
  meta: unknown,
  meti: Catalogue,
  jama: Catalogue,
  metiToJama: Crosswalk,
): Catalogue {
  const added = uncitedJamaItems(jama, metiToJama);
  const labelIds = new Set(added.map((c) => c.groupId));
  const jamaGroups: CatalogueGroup[] = jama.groups
    .filter((g) => labelIds.has(g.id))
    .map((g) => ({
      id: star5JamaGroupId(g.id),
      title: {
        ja: `暫定★5: 自工会/部工会 ${g.title.ja}`,
        en: `Provisional ★5: JAMA/JAPIA ${g.title.en}`,
      },
    }));
  const jamaCriteria: Criterion[] = added.map((c) => ({
    id: c.id,
    groupId: star5JamaGroupId(c.groupId),
    level: STAR5_RANK,
    ...(c.csf ? { csf: c.csf } : {}),
    title: c.title,
    explanation: c.explanation,
    ...(c.officialText ? { officialText: c.officialText } : {}),
    sourceCatalogueId: jama.id,
    // The JAMA item's N/A rule and reasoning travel with it; its references to other JAMA items do not
    // (most of them are not part of the profile).
    ...(c.naPolicy ? { naPolicy: c.naPolicy } : {}),
    ...(c.naRationale ? { naRationale: c.naRationale } : {}),
    ...(c.whatToShow ? { whatToShow: c.whatToShow } : {}),
    ...(c.freeMaterials ? { freeMaterials: c.freeMaterials } : {}),
  }));
  return buildCatalogue(meta, [
    {
      groups: [...meti.groups, ...jamaGroups],
      requirements: meti.requirements,
      criteria: [...meti.criteria, ...jamaCriteria],
    },
  ]);
}
