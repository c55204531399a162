import fc from 'fast-check';
import { compileCatalogue, encodeAnswers } from './catalogue';
import { IPA_POINTS, ipaBand, scorePoints } from './points';
import { arbAnswers } from './testing/arbitraries';
import { answersAll, pointsCatalogue } from './testing/factory';

describe('ipaBand', () => {
  it.each([
    [100, '100'],
    [99, '70-99'],
    [70, '70-99'],
    [69, '50-69'],
    [50, '50-69'],
    [49, '0-49'],
    [0, '0-49'],
    [-25, '0-49'],
  ] as const)('%d points → band %s', (points, band) => {
    expect(ipaBand(points)).toBe(band);
  });
});

describe('scorePoints', () => {
  const cat = pointsCatalogue(25);

  it('scores 4 / 2 / 0 / −1 and 4 for not_applicable', () => {
    expect(IPA_POINTS).toEqual({ met: 4, partial: 2, not_met: 0, unknown: -1, not_applicable: 4 });
    const r = scorePoints(cat, {
      '1': 'met',
      '2': 'partial',
      '3': 'not_met',
      '4': 'unknown',
      '5': 'not_applicable',
    });
    expect(r.points).toBe(4 + 2 + 0 - 1 + 4);
    expect(r.maxPoints).toBe(100);
    expect(r.unknown).toEqual(['4']);
    expect(r.unanswered).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 6)));
    expect(r.gaps).toEqual(['2', '3', '4', ...r.unanswered]);
    expect(r.groups[0]).toEqual({ id: 'p1', points: 9, max: 20 });
    expect(r.groups[1]).toEqual({ id: 'p2', points: 0, max: 20 });
  });

  it('all implemented = 100 band', () => {
    const r = scorePoints(cat, answersAll(cat, 'met'));
    expect(r).toMatchObject({ points: 100, band: '100', unknown: [], unanswered: [], gaps: [] });
  });

  it('all unknown is −25, in the lowest band', () => {
    const r = scorePoints(cat, answersAll(cat, 'unknown'));
    expect(r.points).toBe(-25);
    expect(r.band).toBe('0-49');
    expect(r.unknown).toHaveLength(25);
  });

  it('record and code paths agree, and points stay within [−n, 4n]', () => {
    fc.assert(
      fc.property(arbAnswers(cat), (answers) => {
        const compiled = compileCatalogue(cat);
        const r = scorePoints(cat, answers);
        expect(scorePoints(compiled, encodeAnswers(compiled, answers))).toEqual(r);
        expect(r.points).toBeGreaterThanOrEqual(-25);
        expect(r.points).toBeLessThanOrEqual(100);
        expect(r.band).toBe(ipaBand(r.points));
        const expected = cat.criteria.reduce((sum, c) => {
          const v = answers[c.id];
          return sum + (v === undefined ? 0 : IPA_POINTS[v]);
        }, 0);
        expect(r.points).toBe(expected);
        expect(r.groups.reduce((s, g) => s + g.points, 0)).toBe(r.points);
      }),
    );
  });
});
