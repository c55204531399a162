import {
  crosswalkLinksFor,
  getCatalogue,
  getCrosswalk,
  listCatalogues,
  listCrosswalks,
  type Catalogue,
} from './index';

function must(id: string, version?: string): Catalogue {
  const c = getCatalogue(id, version);
  if (!c) throw new Error(`catalogue ${id} not found`);
  return c;
}

const countBy = <T>(items: readonly T[], key: (t: T) => string | number): Record<string, number> =>
  items.reduce<Record<string, number>>((acc, t) => {
    const k = String(key(t));
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

describe('registry', () => {
  it('lists the built-in catalogues', () => {
    expect(listCatalogues()).toEqual([
      expect.objectContaining({ id: 'meti-scs', version: '2026-03-27', scoring: 'levels' }),
      expect.objectContaining({ id: 'jama-japia', version: '2.3', scoring: 'levels' }),
      expect.objectContaining({ id: 'ipa-sme-selfcheck', version: '3.1', scoring: 'points' }),
      expect.objectContaining({ id: 'ipa-5kajo', version: '3.1', scoring: 'checklist' }),
      expect.objectContaining({
        id: 'scs-star5-provisional',
        version: '2026-03-27+jama-2.3',
        provisional: true,
      }),
    ]);
    expect(listCatalogues().filter((c) => c.provisional)).toHaveLength(1);
  });

  it('returns the latest version by default, a named version, and undefined otherwise', () => {
    expect(getCatalogue('meti-scs')).toBe(getCatalogue('meti-scs', '2026-03-27'));
    expect(getCatalogue('meti-scs', '1999-01-01')).toBeUndefined();
    expect(getCatalogue('nope')).toBeUndefined();
  });

  it('returns frozen, own-words catalogues', () => {
    for (const { id } of listCatalogues()) {
      const c = must(id);
      expect(c.wording).toBe('own-words');
      expect(c.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Object.isFrozen(c.criteria)).toBe(true);
      for (const k of c.criteria) expect(k.officialText).toBeUndefined();
    }
  });
});

describe('METI SCS 2026-03-27', () => {
  const c = must('meti-scs');

  it('has 7 categories, 43 requirements (26 at ★3) and 153 criteria (81 ★3, 72 ★4)', () => {
    expect(c.groups.map((g) => g.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(c.requirements).toHaveLength(43);
    expect(c.requirements.filter((r) => r.level === 3)).toHaveLength(26);
    expect(c.criteria).toHaveLength(153);
    expect(countBy(c.criteria, (k) => k.level)).toEqual({ 3: 81, 4: 72 });
    expect(c.levels.map((l) => l.rank)).toEqual([3, 4]);
    expect(c.source.sha256).toBe('d4c27aa4bfed5521a98ff9ce8c042743e4204e4b8310ceb3df0c54eabfdc8dd1');
  });

  it('gives every criterion a NIST CSF function matching the official counts', () => {
    expect(c.criteria.every((k) => k.csf !== undefined)).toBe(true);
    expect(countBy(c.criteria, (k) => k.csf ?? '')).toEqual({ GV: 26, ID: 29, PR: 82, DE: 8, RS: 6, RC: 2 });
  });

  it('matches the per-category requirement/criterion counts at ★3 and ★4', () => {
    const expected: Record<string, [number, number, number, number]> = {
      '1': [3, 8, 6, 19],
      '2': [3, 4, 5, 7],
      '3': [4, 11, 6, 29],
      '4': [13, 48, 21, 82],
      '5': [1, 3, 3, 8],
      '6': [1, 6, 1, 6],
      '7': [1, 1, 1, 2],
    };
    for (const [g, [r3, c3, r4, c4]] of Object.entries(expected)) {
      const reqs = c.requirements.filter((r) => r.groupId === g);
      const crits = c.criteria.filter((k) => k.groupId === g);
      expect([
        reqs.filter((r) => r.level === 3).length,
        crits.filter((k) => k.level === 3).length,
        reqs.length,
        crits.length,
      ]).toEqual([r3, c3, r4, c4]);
    }
  });
});

describe('JAMA/JAPIA 2.3', () => {
  const c = must('jama-japia');

  it('has 24 labels and items No.1–No.153 at 50/74/29', () => {
    expect(c.groups.map((g) => g.id)).toEqual(Array.from({ length: 24 }, (_, i) => String(i + 1)));
    expect(c.criteria.map((k) => k.id)).toEqual(Array.from({ length: 153 }, (_, i) => `No.${i + 1}`));
    expect(countBy(c.criteria, (k) => k.level)).toEqual({ 1: 50, 2: 74, 3: 29 });
    expect(c.requirements).toEqual([]);
  });

  it('records the level decisions and applies them', () => {
    const level = (id: string): number | undefined => c.criteria.find((k) => k.id === id)?.level;
    const decided: Record<string, number> = {
      'No.39': 3,
      'No.40': 1,
      'No.142': 2,
      'No.153': 2,
      'No.2': 2,
      'No.61': 2,
      'No.36': 2,
      'No.86': 2,
    };
    for (const [id, lv] of Object.entries(decided)) {
      expect(level(id)).toBe(lv);
      const d = c.decisions.find((x) => x.itemId === id);
      expect(d).toMatchObject({ field: 'level', chosen: String(lv) });
      expect(d?.alternatives.length).toBeGreaterThan(0);
    }
  });

  it('puts items in the documented labels', () => {
    const label = (id: string): string | undefined => c.criteria.find((k) => k.id === id)?.groupId;
    expect([
      label('No.1'),
      label('No.39'),
      label('No.40'),
      label('No.69'),
      label('No.70'),
      label('No.153'),
    ]).toEqual(['1', '7', '7', '12', '13', '24']);
  });
});

describe('IPA catalogues', () => {
  it('self-check: 25 items in groups 1–5 / 6–18 / 19–25, points scoring', () => {
    const c = must('ipa-sme-selfcheck');
    expect(c.scoring).toBe('points');
    expect(c.criteria.map((k) => k.id)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    expect(countBy(c.criteria, (k) => k.groupId)).toEqual({ 1: 5, 2: 13, 3: 7 });
    expect(
      c.criteria.filter((k) => Number(k.id) >= 6 && Number(k.id) <= 18).every((k) => k.groupId === '2'),
    ).toBe(true);
    expect(c.levels).toHaveLength(1);
  });

  it('5か条: 5 checklist items', () => {
    const c = must('ipa-5kajo');
    expect(c.scoring).toBe('checklist');
    expect(c.criteria).toHaveLength(5);
  });

  it('writes Japanese in です・ます and gives English for every item', () => {
    for (const id of ['ipa-sme-selfcheck', 'ipa-5kajo']) {
      for (const k of must(id).criteria) {
        expect(k.explanation.ja).toMatch(/(です|ます|ません|ましょう)。$/);
        expect(k.explanation.en).toMatch(/^[\x20-\x7e–—]+$/);
      }
    }
  });
});

describe('crosswalks', () => {
  const x = getCrosswalk('meti-scs', 'jama-japia');

  it('METI → JAMA: official citations of 142 criteria to 93 JAMA items', () => {
    expect(x).toBeDefined();
    expect(x?.toCatalogue).toEqual({ id: 'jama-japia', version: '2.3' });
    expect(new Set(x?.links.map((l) => l.from.itemId)).size).toBe(142);
    expect(new Set(x?.links.map((l) => l.to.itemId)).size).toBe(93);
    expect(
      x?.links.every(
        (l) => l.source === 'official' && l.relation === 'intersect' && /LV\d/.test(l.note ?? ''),
      ),
    ).toBe(true);
  });

  it('is readable in reverse and per item', () => {
    const back = getCrosswalk('jama-japia', 'meti-scs');
    expect(back?.links).toHaveLength(x?.links.length ?? -1);
    expect(back?.links[0].from.catalogueId).toBe('jama-japia');
    expect(crosswalkLinksFor('meti-scs', '1-1-1-1').map((l) => [l.to.itemId, l.note])).toEqual([
      ['No.9', 'cited level LV1'],
      ['No.10', 'cited level LV2'],
    ]);
    const no36 = crosswalkLinksFor('jama-japia', 'No.36');
    expect(no36.every((l) => l.from.itemId === 'No.36' && l.to.catalogueId === 'meti-scs')).toBe(true);
    expect(no36.map((l) => l.note)).toEqual(expect.arrayContaining(['cited level LV1', 'cited level LV2']));
    expect(getCrosswalk('ipa-5kajo', 'jama-japia')).toBeUndefined();
  });

  it('IPA → METI links are hints only', () => {
    const h = getCrosswalk('ipa-sme-selfcheck', 'meti-scs');
    expect(h?.links.length).toBeGreaterThan(5);
    expect(h?.links.every((l) => l.source === 'hint')).toBe(true);
    expect(crosswalkLinksFor('meti-scs', '4-4-5-1')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ to: { catalogueId: 'ipa-sme-selfcheck', itemId: '2' }, source: 'hint' }),
      ]),
    );
    expect(listCrosswalks()).toHaveLength(2);
  });
});

describe('provisional ★5 profile', () => {
  const meti = must('meti-scs');
  const jama = must('jama-japia');
  const p = must('scs-star5-provisional');
  const x = getCrosswalk('meti-scs', 'jama-japia');
  const cited = new Set(x?.links.map((l) => l.to.itemId));
  const uncitedLv3 = jama.criteria.filter((k) => k.level === 3 && !cited.has(k.id)).map((k) => k.id);

  it('is all 153 METI criteria plus the JAMA Lv3 items METI does not cite', () => {
    expect(uncitedLv3).toHaveLength(24);
    expect(uncitedLv3).toContain('No.39');
    expect(p.criteria).toHaveLength(153 + uncitedLv3.length);
    expect(p.criteria.slice(0, 153).map((k) => [k.id, k.level])).toEqual(
      meti.criteria.map((k) => [k.id, k.level]),
    );
    const added = p.criteria.slice(153);
    expect(added.map((k) => k.id)).toEqual(uncitedLv3);
    expect(
      added.every(
        (k) => k.level === 5 && k.sourceCatalogueId === 'jama-japia' && k.groupId.startsWith('jama-'),
      ),
    ).toBe(true);
  });

  it('is labelled provisional everywhere', () => {
    expect(p.provisional).toBe(true);
    expect(p.levels.map((l) => [l.rank, l.provisional ?? false])).toEqual([
      [3, false],
      [4, false],
      [5, true],
    ]);
    expect(p.title.ja).toContain('暫定');
    expect(p.title.en).toMatch(/provisional/i);
    expect(p.levels[2].label.ja).toContain('暫定');
    expect(p.source.description).toContain('暫定');
    expect(p.source.description).toMatch(/provisional/i);
    for (const g of p.groups.filter((g) => g.id.startsWith('jama-'))) {
      expect(g.title.ja).toContain('暫定');
      expect(g.title.en).toMatch(/provisional/i);
    }
  });
});
