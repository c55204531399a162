import fc from 'fast-check';
import { compileCatalogue, encodeAnswers } from './catalogue';
import { IPA_BAND_ADVICE, IPA_POINTS, ipaBand, scorePoints } from './points';
import { makeCatalogue } from './testing/factory';
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

  it('scores 4 / 2 / 0 / −1 and 4 for an allowed not_applicable with a reason', () => {
    expect(IPA_POINTS).toEqual({ met: 4, partial: 2, not_met: 0, unknown: -1, not_applicable: 4 });
    const r = scorePoints(
      cat,
      {
        '1': 'met',
        '2': 'partial',
        '3': 'not_met',
        '4': 'unknown',
        '5': 'not_applicable',
      },
      { naReasons: { '5': '無線LANを使っていない' } },
    );
    expect(r.points).toBe(4 + 2 + 0 - 1 + 4);
    expect(r.maxPoints).toBe(100);
    expect(r.unknown).toEqual(['4']);
    expect(r.unanswered).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 6)));
    expect(r.gaps).toEqual(['2', '3', '4', ...r.unanswered]);
    expect(r.groups[0]).toEqual({ id: 'p1', points: 9, max: 20 });
    expect(r.groups[1]).toEqual({ id: 'p2', points: 0, max: 20 });
  });

  it('all implemented = 100 band, with the advice of that band', () => {
    const r = scorePoints(cat, answersAll(cat, 'met'));
    expect(r).toMatchObject({ points: 100, band: '100', unknown: [], unanswered: [], gaps: [] });
    expect(r.bandAdvice).toEqual(IPA_BAND_ADVICE['100']);
  });

  it('every band has advice in Japanese and English, and results carry their own band’s advice', () => {
    for (const [points, band] of [
      [100, '100'],
      [80, '70-99'],
      [60, '50-69'],
      [10, '0-49'],
    ] as const) {
      expect(IPA_BAND_ADVICE[band].ja.length).toBeGreaterThan(20);
      expect(IPA_BAND_ADVICE[band].en.length).toBeGreaterThan(20);
      expect(ipaBand(points)).toBe(band);
    }
    const advice = new Set(Object.values(IPA_BAND_ADVICE).map((a) => a.ja));
    expect(advice.size).toBe(4);
    const r = scorePoints(cat, answersAll(cat, 'partial'));
    expect([r.points, r.band, r.bandAdvice]).toEqual([50, '50-69', IPA_BAND_ADVICE['50-69']]);
  });

  it('an N/A that is not allowed, or has no reason, scores 0 and is reported', () => {
    const strict = makeCatalogue({
      scoring: 'points',
      ranks: [1],
      criteria: [
        { id: '1', groupId: 'p', level: 1, naPolicy: 'never' },
        { id: '9', groupId: 'p', level: 1, naPolicy: 'with_reason' },
        { id: '23', groupId: 'p', level: 1, naPolicy: 'with_reason' },
      ],
    });
    const r = scorePoints(
      strict,
      { '1': 'not_applicable', '9': 'not_applicable', '23': 'not_applicable' },
      { naReasons: { '1': '更新は業者任せ', '23': 'クラウドを使っていない' } },
    );
    expect(r.points).toBe(4);
    expect(r.gaps).toEqual(['1', '9']);
    expect(r.na).toMatchObject({
      count: 1,
      total: 3,
      ratio: 0.3333,
      warning: true,
      notAllowed: ['1'],
      reasonMissing: ['9'],
    });
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
        // No reasons given: an N/A answer scores 0.
        const expected = cat.criteria.reduce((sum, c) => {
          const v = answers[c.id];
          return sum + (v === undefined || v === 'not_applicable' ? 0 : IPA_POINTS[v]);
        }, 0);
        expect(r.points).toBe(expected);
        expect(r.groups.reduce((s, g) => s + g.points, 0)).toBe(r.points);
      }),
    );
  });
});
