/**
 * ★3/★4 scenarios on a synthetic catalogue with the METI shape (7 categories, 81 ★3 + 72 ★4 criteria). The
 * same stories against the real METI 2026-03-27 catalogue live in test/scoring/.
 */
import { compileCatalogue } from '../catalogue';
import { scoreLevels } from '../levels';
import { answersAll, criteriaFrom, makeCatalogue } from '../testing/factory';

const meti = makeCatalogue({
  id: 'meti-shaped',
  criteria: criteriaFrom({
    '1': { 3: 10, 4: 12 },
    '2': { 3: 12, 4: 10 },
    '3': { 3: 12, 4: 10 },
    '4': { 3: 20, 4: 20 },
    '5': { 3: 10, 4: 8 },
    '6': { 3: 9, 4: 6 },
    '7': { 3: 8, 4: 6 },
  }),
});

describe('METI-shaped scenarios', () => {
  it('has 81 ★3 and 153 criteria in all', () => {
    const r = scoreLevels(meti, {});
    expect(r.levels.map((l) => l.applicable)).toEqual([81, 153]);
    expect(compileCatalogue(meti).size).toBe(153);
  });

  it('one missing ★3 criterion keeps the supplier below ★3', () => {
    const r = scoreLevels(meti, answersAll(meti, 'met', { '4-3-2': 'not_met' }), { target: 3 });
    expect(r.level).toBeNull();
    expect(r.gaps).toEqual(['4-3-2']);
  });

  it('a ★4 claim with one ★4 gap reaches ★3 only', () => {
    const r = scoreLevels(meti, answersAll(meti, 'met', { '4-4-7': 'partial' }), { target: 4 });
    expect(r.level).toBe(3);
    expect(r.gaps).toEqual(['4-4-7']);
    expect(r.categories.find((c) => c.id === '4')).toEqual({
      id: '4',
      met: 39,
      applicable: 40,
      percent: 97.5,
    });
  });
});
