import type { Catalogue, Criterion } from '../model';
import { sortOfficial } from '../order';

export interface CatalogueDiff {
  /** Criterion ids in `b` but not in `a`, in official order. */
  added: string[];
  /** Criterion ids in `a` but not in `b`, in official order. */
  removed: string[];
  /** Criteria in both whose listed fields differ (`level`, `title.ja`, `officialText`, …). */
  changed: { id: string; fields: string[] }[];
}

type FieldReader = (c: Criterion) => string | number | undefined;

const FIELDS: [string, FieldReader][] = [
  ['groupId', (c) => c.groupId],
  ['requirementId', (c) => c.requirementId],
  ['level', (c) => c.level],
  ['csf', (c) => c.csf],
  ['title.ja', (c) => c.title.ja],
  ['title.en', (c) => c.title.en],
  ['explanation.ja', (c) => c.explanation.ja],
  ['explanation.en', (c) => c.explanation.en],
  ['officialText', (c) => c.officialText],
  ['sourceCatalogueId', (c) => c.sourceCatalogueId],
];

/** Compares the criteria of two catalogues (typically two versions of one guideline) by official id. */
export function diffCatalogues(a: Catalogue, b: Catalogue): CatalogueDiff {
  const before = new Map(a.criteria.map((c) => [c.id, c]));
  const after = new Map(b.criteria.map((c) => [c.id, c]));
  const added = sortOfficial(
    b.criteria.filter((c) => !before.has(c.id)).map((c) => c.id),
    (id) => id,
  );
  const removed = sortOfficial(
    a.criteria.filter((c) => !after.has(c.id)).map((c) => c.id),
    (id) => id,
  );
  const changed: CatalogueDiff['changed'] = [];
  for (const id of sortOfficial(
    [...before.keys()].filter((k) => after.has(k)),
    (k) => k,
  )) {
    const x = before.get(id) as Criterion;
    const y = after.get(id) as Criterion;
    const fields = FIELDS.filter(([, read]) => read(x) !== read(y)).map(([name]) => name);
    if (fields.length) changed.push({ id, fields });
  }
  return { added, removed, changed };
}
