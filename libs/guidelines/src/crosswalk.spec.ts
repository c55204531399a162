import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import committed from '../data/crosswalks/meti-scs-2026-03-27__jama-japia-2.3.json';
import { invertCrosswalk, parseMetiReferenceColumn } from './crosswalk';
import { importMetiCriteriaCsv } from './import/meti-table';
import type { Crosswalk } from './model';

const REFERENCE = resolve(__dirname, '../../../../shared/reference');

describe('parseMetiReferenceColumn', () => {
  it('reads single and multiple citations with their levels', () => {
    expect(parseMetiReferenceColumn('No.9 (LV1), No.10 (LV2) ')).toEqual({
      ok: true,
      citations: [
        { itemId: 'No.9', citedLevel: 1 },
        { itemId: 'No.10', citedLevel: 2 },
      ],
    });
    expect(parseMetiReferenceColumn('No.117 (Lv1)')).toEqual({
      ok: true,
      citations: [{ itemId: 'No.117', citedLevel: 1 }],
    });
  });

  it('shares one printed level across a run of items, with bare numbers, full-width spaces and line breaks', () => {
    const r = parseMetiReferenceColumn('No.103,\nNo.104 (LV2) ,\nNo.115 (Lv1)');
    expect(r).toEqual({
      ok: true,
      citations: [
        { itemId: 'No.103', citedLevel: 2, levelSharedWith: ['No.104'] },
        { itemId: 'No.104', citedLevel: 2, levelSharedWith: ['No.103'] },
        { itemId: 'No.115', citedLevel: 1 },
      ],
    });
    expect(parseMetiReferenceColumn('No.98, 102 (LV2)')).toMatchObject({
      ok: true,
      citations: [{ itemId: 'No.98' }, { itemId: 'No.102', citedLevel: 2 }],
    });
    expect(parseMetiReferenceColumn('No.28, No.29, No.30\u3000(LV1)')).toMatchObject({
      ok: true,
      citations: [{ citedLevel: 1 }, { citedLevel: 1 }, { citedLevel: 1 }],
    });
  });

  it('returns nothing for an empty cell and an error for unreadable text', () => {
    expect(parseMetiReferenceColumn('  ')).toEqual({ ok: true, citations: [] });
    expect(parseMetiReferenceColumn('No.9 (LV1), see chapter 3')).toEqual({
      ok: false,
      message: 'cannot read "see chapter 3" (expected e.g. "No.9 (LV1)")',
    });
  });
});

describe('committed METI → JAMA crosswalk', () => {
  it('is exactly what the importer derives from the official CSV', () => {
    const r = importMetiCriteriaCsv(readFileSync(`${REFERENCE}/meti-scs-criteria-2026-03-27.csv`), {
      version: '2026-03-27',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.crosswalks).toHaveLength(1);
    const derived = r.crosswalks[0] as Crosswalk;
    expect(derived.toCatalogue).toEqual({ id: 'jama-japia', version: '2.3' });
    expect(committed.links).toEqual(derived.links);
    expect(committed.fromCatalogue).toEqual(derived.fromCatalogue);
    expect(committed.toCatalogue).toEqual(derived.toCatalogue);
  });

  it('cites 93 distinct JAMA items from 142 of 153 criteria', () => {
    expect(new Set(committed.links.map((l) => l.from.itemId)).size).toBe(142);
    expect(new Set(committed.links.map((l) => l.to.itemId)).size).toBe(93);
  });

  it('turns round with subset ↔ superset', () => {
    const x: Crosswalk = {
      id: 'a__b',
      fromCatalogue: { id: 'a', version: '1' },
      toCatalogue: { id: 'b', version: '1' },
      description: { ja: 'x', en: 'x' },
      links: [
        {
          from: { catalogueId: 'a', itemId: '1' },
          to: { catalogueId: 'b', itemId: '2' },
          relation: 'subset',
          source: 'tierstar',
        },
      ],
    };
    expect(invertCrosswalk(x).links).toEqual([
      {
        from: { catalogueId: 'b', itemId: '2' },
        to: { catalogueId: 'a', itemId: '1' },
        relation: 'superset',
        source: 'tierstar',
      },
    ]);
  });
});
