import type { Catalogue, CatalogueRequirement, Criterion } from '@tierstar/guidelines';
import type {
  CatalogueCountsDto,
  CatalogueTreeDto,
  CriterionNodeDto,
  GroupNodeDto,
  RequirementNodeDto,
} from './dto/catalogue.dto';

export function countsOf(c: Pick<Catalogue, 'groups' | 'requirements' | 'criteria'>): CatalogueCountsDto {
  return { groups: c.groups.length, requirements: c.requirements.length, criteria: c.criteria.length };
}

/**
 * Nests a catalogue for display: groups → subgroups → requirements → criteria, in official order. Requirements
 * without a (known) subgroup sit directly in their group, criteria without a (known) requirement likewise.
 */
export function catalogueTree(c: Catalogue): CatalogueTreeDto {
  const provisionalRanks = new Set(c.levels.filter((l) => l.provisional).map((l) => l.rank));

  const criterionNode = (x: Criterion): CriterionNodeDto => ({
    id: x.id,
    ...(x.requirementId !== undefined ? { requirementId: x.requirementId } : {}),
    level: x.level,
    provisional: provisionalRanks.has(x.level),
    ...(x.csf !== undefined ? { csf: x.csf } : {}),
    title: x.title,
    explanation: x.explanation,
    ...(x.officialText !== undefined ? { officialText: x.officialText } : {}),
    ...(x.sourceCatalogueId !== undefined ? { sourceCatalogueId: x.sourceCatalogueId } : {}),
  });

  const criteriaByRequirement = new Map<string, CriterionNodeDto[]>();
  const looseCriteria = new Map<string, CriterionNodeDto[]>();
  const requirementIds = new Set(c.requirements.map((r) => r.id));
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const x of c.criteria) {
    if (x.requirementId !== undefined && requirementIds.has(x.requirementId)) {
      push(criteriaByRequirement, x.requirementId, criterionNode(x));
    } else {
      push(looseCriteria, x.groupId, criterionNode(x));
    }
  }

  const requirementNode = (r: CatalogueRequirement): RequirementNodeDto => ({
    id: r.id,
    level: r.level,
    provisional: provisionalRanks.has(r.level),
    title: r.title,
    ...(r.explanation !== undefined ? { explanation: r.explanation } : {}),
    ...(r.officialText !== undefined ? { officialText: r.officialText } : {}),
    criteria: criteriaByRequirement.get(r.id) ?? [],
  });

  const groups: GroupNodeDto[] = c.groups.map((g) => {
    const subgroupIds = new Set((g.subgroups ?? []).map((s) => s.id));
    const mine = c.requirements.filter((r) => r.groupId === g.id);
    return {
      id: g.id,
      title: g.title,
      subgroups: (g.subgroups ?? []).map((s) => ({
        id: s.id,
        title: s.title,
        requirements: mine.filter((r) => r.subgroupId === s.id).map(requirementNode),
      })),
      requirements: mine
        .filter((r) => r.subgroupId === undefined || !subgroupIds.has(r.subgroupId))
        .map(requirementNode),
      criteria: looseCriteria.get(g.id) ?? [],
    };
  });

  return {
    id: c.id,
    version: c.version,
    title: c.title,
    publisher: c.publisher,
    publishedOn: c.publishedOn,
    scoring: c.scoring,
    wording: c.wording,
    provisional: c.provisional === true,
    source: c.source,
    levels: c.levels.map((l) => ({ rank: l.rank, label: l.label, provisional: l.provisional === true })),
    counts: countsOf(c),
    groups,
    decisions: c.decisions,
  };
}
