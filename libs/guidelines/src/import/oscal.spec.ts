import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Catalogue } from '../model';
import { getCatalogue } from '../registry';
import { diffCatalogues } from './diff';
import { importMetiCriteriaCsv } from './meti-table';
import { importOscalCatalog } from './oscal';
import type { ImportResult } from './types';

const REFERENCE = resolve(__dirname, '../../../../../shared/reference');
const jamaBytes = readFileSync(`${REFERENCE}/oscal/jama-japia-cybersecurity-guidelines-v2.2.json`);
const draftBytes = readFileSync(`${REFERENCE}/oscal/meti-supplychain-draft-2025-04.json`);

function ok(r: ImportResult): Catalogue {
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 5)));
  return r.catalogue;
}

function errorsOf(r: ImportResult): string[] {
  return r.ok ? [] : r.errors.map((e) => `${e.where}: ${e.message.en}`);
}

describe('OSCAL importer: JAMA/JAPIA v2.2 transcription', () => {
  const r = importOscalCatalog(jamaBytes, { id: 'jama-japia', version: '2.2' });
  const c = ok(r);

  it('imports 151 items (No.39, No.40 missing) under 24 labels and 38 requirement blocks', () => {
    expect(c.criteria).toHaveLength(151);
    expect(c.criteria.map((k) => k.id)).not.toContain('No.39');
    expect(c.criteria.map((k) => k.id)).not.toContain('No.40');
    expect(c.criteria[0]?.id).toBe('No.1');
    expect(c.criteria.at(-1)?.id).toBe('No.153');
    expect(c.groups).toHaveLength(24);
    expect(c.requirements).toHaveLength(38);
    expect(c.levels.map((l) => [l.rank, l.label.en])).toEqual([
      [1, 'Lv1'],
      [2, 'Lv2'],
      [3, 'Lv3'],
    ]);
    expect(c.publishedOn).toBe('2024-12-29');
    expect(c.wording).toBe('official');
  });

  it('places the blank-level items at the highest level, with a warning and a decision', () => {
    expect(r.ok && r.warnings.map((w) => w.where)).toEqual([
      'catalog.controls[33].controls[0] (No.142).props',
      'catalog.controls[37].controls[0] (No.153).props',
    ]);
    expect(c.decisions.map((d) => [d.itemId, d.chosen])).toEqual([
      ['No.142', '3'],
      ['No.153', '3'],
    ]);
    const counts = [1, 2, 3].map((l) => c.criteria.filter((k) => k.level === l).length);
    expect(counts).toEqual([49, 72, 30]);
    expect(errorsOf(importOscalCatalog(jamaBytes, { blankLevel: 'reject' }))).toEqual([
      'catalog.controls[33].controls[0] (No.142).props: level is blank',
      'catalog.controls[37].controls[0] (No.153).props: level is blank',
    ]);
  });

  it('recovers a title stored in the No. prop and keeps the official text', () => {
    expect(c.criteria.find((k) => k.id === 'No.23')?.title.ja).toMatch(/^情報セキュリティ事件・事故/);
    const no2 = c.criteria.find((k) => k.id === 'No.2');
    expect(no2?.officialText).toContain('【頻度】');
    expect(no2?.requirementId).toBe('1');
  });

  it('diffs against the built-in 2.3 catalogue: two added items, level changes where decided', () => {
    const d = diffCatalogues(c, getCatalogue('jama-japia') as Catalogue);
    expect(d.added).toEqual(['No.39', 'No.40']);
    expect(d.removed).toEqual([]);
    const levelChanged = d.changed.filter((x) => x.fields.includes('level')).map((x) => x.id);
    expect(levelChanged).toEqual(['No.142', 'No.153']);
  });
});

describe('OSCAL importer: METI draft 2025-04', () => {
  const draft = ok(importOscalCatalog(draftBytes, { id: 'meti-scs', version: '2025-04' }));

  it('imports 59 draft items in 7 groups with ★3/★4 levels', () => {
    expect(draft.groups.map((g) => g.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(draft.groups.flatMap((g) => g.subgroups ?? [])).toHaveLength(16);
    expect(draft.criteria).toHaveLength(59);
    expect(draft.levels.map((l) => l.rank)).toEqual([3, 4]);
    expect(draft.criteria.filter((k) => k.level === 3)).toHaveLength(25);
    expect(draft.scoring).toBe('levels');
  });

  it('diffs against the 2026-03-27 import', () => {
    const final = ok(
      importMetiCriteriaCsv(readFileSync(`${REFERENCE}/meti-scs-criteria-2026-03-27.csv`), {
        version: '2026-03-27',
      }),
    );
    const d = diffCatalogues(draft, final);
    // The draft numbers its items 1..59; the final set uses "a-b-c-d" ids: nothing is shared.
    expect(d.removed).toHaveLength(59);
    expect(d.added).toHaveLength(153);
    expect(d.changed).toEqual([]);
    expect(diffCatalogues(final, final)).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('OSCAL importer: generic catalogs and malformed input', () => {
  const catalog = (body: unknown): string =>
    JSON.stringify({
      catalog: { uuid: '0f0e', metadata: { title: 'Test', version: '1' }, ...(body as object) },
    });

  it('handles nested controls, a custom level prop and id fallbacks', () => {
    const c = ok(
      importOscalCatalog(
        catalog({
          groups: [
            {
              id: 'ac',
              title: 'Access',
              controls: [
                {
                  id: 'ac-2',
                  title: 'Accounts',
                  props: [{ name: 'tier', value: '1' }],
                  parts: [{ name: 'statement', prose: 'Manage accounts.' }],
                  controls: [{ id: 'ac-2.1', title: 'Automation', props: [{ name: 'tier', value: '2' }] }],
                },
              ],
            },
          ],
        }),
        { levelProp: 'tier' },
      ),
    );
    expect(c.criteria.map((k) => [k.id, k.level])).toEqual([
      ['ac-2', 1],
      ['ac-2.1', 2],
    ]);
    expect(c.id).toBe('oscal-0f0e');
  });

  it('treats a catalog without level props as a single-level checklist', () => {
    const c = ok(
      importOscalCatalog(
        catalog({
          controls: [
            { id: 'c1', title: 'One' },
            { id: 'c2', title: 'Two' },
          ],
        }),
      ),
    );
    expect(c.scoring).toBe('checklist');
    expect(c.criteria.map((k) => k.level)).toEqual([1, 1]);
  });

  it('rejects broken JSON, empty files and non-catalogs', () => {
    expect(errorsOf(importOscalCatalog('{"catalog": ')).map((e) => e.split(':')[0])).toEqual(['file']);
    expect(errorsOf(importOscalCatalog(''))).toEqual(['file: the file is empty']);
    expect(errorsOf(importOscalCatalog('{"profile": {}}'))).toEqual([
      'catalog: missing "catalog" object: not an OSCAL catalog',
    ]);
    expect(errorsOf(importOscalCatalog(catalog({ controls: [] })))).toEqual(['catalog: no controls found']);
  });

  it('rejects duplicate ids, unknown levels and missing ids with their path', () => {
    const r = importOscalCatalog(
      catalog({
        groups: [
          {
            id: 'g',
            title: 'G',
            controls: [
              { id: 'a', title: 'A', props: [{ name: 'level', value: 'Lv1' }] },
              { id: 'a', title: 'A again', props: [{ name: 'level', value: 'Lv1' }] },
              { title: 'no id' },
            ],
          },
        ],
      }),
    );
    expect(errorsOf(r)).toEqual([
      'catalog.groups[0].controls[1] (a): duplicate id "a" (first at catalog.groups[0].controls[0] (a))',
      'catalog.groups[0].controls[2].id: missing control id',
    ]);
    const levels = importOscalCatalog(
      catalog({ controls: [{ id: 'x', title: 'X', props: [{ name: 'level', value: 'high' }] }] }),
    );
    expect(errorsOf(levels)).toEqual(['catalog.controls[0] (x).props: unknown level value "high"']);
    const notAllowed = importOscalCatalog(
      catalog({ controls: [{ id: 'x', title: 'X', props: [{ name: 'level', value: '★5' }] }] }),
      { levels: [{ rank: 3, label: { ja: '★3', en: '★3' } }] },
    );
    expect(errorsOf(notAllowed)).toEqual(['catalog.controls[0] (x).props: unknown level value "★5"']);
  });
});
