import { getCatalogue } from '@tierstar/guidelines';
import { catalogueTree } from './catalogue-tree';

type Tree = ReturnType<typeof catalogueTree>;
const allCriteria = (t: Tree) =>
  t.groups.flatMap((g) => [
    ...g.criteria,
    ...g.requirements.flatMap((r) => r.criteria),
    ...g.subgroups.flatMap((s) => s.requirements.flatMap((r) => r.criteria)),
  ]);
const allRequirements = (t: Tree) =>
  t.groups.flatMap((g) => [...g.requirements, ...g.subgroups.flatMap((s) => s.requirements)]);

describe('catalogueTree', () => {
  it('nests every METI requirement and criterion exactly once', () => {
    const tree = catalogueTree(getCatalogue('meti-scs')!);
    expect(tree.counts).toEqual({ groups: 7, requirements: 43, criteria: 153 });
    expect(allRequirements(tree)).toHaveLength(43);
    const criteria = allCriteria(tree);
    expect(criteria).toHaveLength(153);
    expect(new Set(criteria.map((c) => c.id)).size).toBe(153);
    expect(criteria.filter((c) => c.level === 3)).toHaveLength(81);
    expect(tree.groups[0]!.subgroups[0]!.requirements[0]!.criteria[0]!.id).toBe('1-1-1-1');
  });

  it('keeps criteria without requirements directly in their group (JAMA)', () => {
    const tree = catalogueTree(getCatalogue('jama-japia')!);
    expect(allCriteria(tree)).toHaveLength(tree.counts.criteria);
    expect(tree.groups[0]!.criteria.length).toBeGreaterThan(0);
  });

  it('flags the provisional ★5 profile and its provisional level', () => {
    const tree = catalogueTree(getCatalogue('scs-star5-provisional')!);
    expect(tree.provisional).toBe(true);
    expect(tree.levels.some((l) => l.provisional)).toBe(true);
    expect(allCriteria(tree).some((c) => c.provisional)).toBe(true);
  });
});
