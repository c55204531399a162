/** JAMA/JAPIA Lv1–3 and the provisional ★5 profile against the built-in catalogues. */
import { scoreLevels } from '@tierstar/scoring';
import { answerAll, loadCatalogue } from './load';

const jama = loadCatalogue('jama-japia');
const star5 = loadCatalogue('scs-star5-provisional');

describe('JAMA/JAPIA', () => {
  it('has Lv1/2/3 = 50/74/29 items and 24 labels', () => {
    const r = scoreLevels(jama, {});
    expect(r.levels.map((l) => [l.rank, l.applicable])).toEqual([
      [1, 50],
      [2, 124],
      [3, 153],
    ]);
    expect(r.categories).toHaveLength(24);
  });

  it('reports cumulative achievement % per level and % per label', () => {
    const lv1 = jama.criteria.filter((c) => c.level === 1).map((c) => c.id);
    // Everything met except one Lv1 item (not met) and one Lv2 item that may be N/A (not applicable, with reason).
    const lv2 = jama.criteria.find((c) => c.level === 2 && c.naPolicy === 'with_reason');
    if (lv2 === undefined) throw new Error('no Lv2 item allowing N/A');
    const r = scoreLevels(jama, answerAll(jama, 'met', { [lv1[0]]: 'not_met', [lv2.id]: 'not_applicable' }), {
      naReasons: { [lv2.id]: '対象の設備がない' },
    });
    expect(r.level).toBeNull();
    expect(r.gaps).toEqual([lv1[0]]);
    expect(r.levels.map((l) => [l.rank, l.met, l.applicable, l.percent])).toEqual([
      [1, 49, 50, 98],
      [2, 122, 123, 99.2],
      [3, 151, 152, 99.3],
    ]);
    const label = r.categories.find((c) => c.id === jama.criteria.find((c2) => c2.id === lv1[0])?.groupId);
    expect(label && label.applicable - label.met).toBe(1);
  });

  it('Lv2 target: a missing Lv3 item does not matter', () => {
    const lv3 = jama.criteria.find((c) => c.level === 3);
    if (lv3 === undefined) throw new Error('no Lv3 item');
    const r = scoreLevels(jama, answerAll(jama, 'met', { [lv3.id]: 'not_met' }), { target: 2 });
    expect(r.level).toBe(2);
    expect(r.gaps).toEqual([]);
  });
});

describe('provisional ★5 profile', () => {
  it('scores ★3/★4/★5 with ★5 marked provisional', () => {
    const r = scoreLevels(star5, answerAll(star5, 'met'));
    expect(r.provisional).toBe(true);
    expect(r.level).toBe(5);
    expect(r.levels.map((l) => [l.rank, l.provisional])).toEqual([
      [3, false],
      [4, false],
      [5, true],
    ]);
  });

  it('a missing ★5 extra item leaves ★4', () => {
    const extra = star5.criteria.find((c) => c.level === 5);
    if (extra === undefined) throw new Error('no ★5 item');
    const r = scoreLevels(star5, answerAll(star5, 'met', { [extra.id]: 'partial' }));
    expect(r.level).toBe(4);
    expect(r.gaps).toEqual([extra.id]);
  });
});
