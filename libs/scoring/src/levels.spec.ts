import fc from 'fast-check';
import { ANSWER_CODES } from './answers';
import { compileCatalogue, encodeAnswers } from './catalogue';
import { scoreLevels } from './levels';
import { arbLevelAssessment } from './testing/arbitraries';
import { answersAll, criteriaFrom, makeCatalogue, smallStarCatalogue } from './testing/factory';
import { referenceLevels } from './testing/reference';

describe('scoreLevels', () => {
  const cat = smallStarCatalogue();

  it('reaches the top level when everything is met', () => {
    const r = scoreLevels(cat, answersAll(cat, 'met'));
    expect(r.level).toBe(4);
    expect(r.target).toBe(4);
    expect(r.gaps).toEqual([]);
    expect(r.levels).toEqual([
      { rank: 3, met: 3, applicable: 3, percent: 100, reached: true, provisional: false },
      { rank: 4, met: 7, applicable: 7, percent: 100, reached: true, provisional: false },
    ]);
    expect(r.categories).toEqual([
      { id: 'g1', met: 3, applicable: 3, percent: 100 },
      { id: 'g2', met: 3, applicable: 3, percent: 100 },
      { id: 'g3', met: 1, applicable: 1, percent: 100 },
    ]);
  });

  it('reaches nothing with no answers and lists every criterion as a gap', () => {
    const r = scoreLevels(cat, {});
    expect(r.level).toBeNull();
    expect(r.gaps).toEqual(compileCatalogue(cat).ids);
    expect(r.levels.map((l) => [l.met, l.applicable])).toEqual([
      [0, 3],
      [0, 7],
    ]);
  });

  it('counts not_applicable as satisfied and leaves it out of applicable', () => {
    const r = scoreLevels(cat, answersAll(cat, 'met', { 'g1-3-1': 'not_applicable' }));
    expect(r.level).toBe(4);
    expect(r.levels[0]).toMatchObject({ met: 2, applicable: 2, percent: 100 });
    expect(r.categories[0]).toEqual({ id: 'g1', met: 2, applicable: 2, percent: 100 });
  });

  it.each(['not_met', 'partial', 'unknown', undefined] as const)(
    'a ★3 criterion answered %s blocks every level',
    (v) => {
      const r = scoreLevels(cat, answersAll(cat, 'met', { 'g2-3-1': v }));
      expect(r.level).toBeNull();
      expect(r.gaps).toEqual(['g2-3-1']);
      expect(r.levels.map((l) => l.reached)).toEqual([false, false]);
    },
  );

  it('a ★4 gap leaves ★3 reached', () => {
    const r = scoreLevels(cat, answersAll(cat, 'met', { 'g3-4-1': 'partial' }));
    expect(r.level).toBe(3);
    expect(r.gaps).toEqual(['g3-4-1']);
    expect(r.levels[1]).toMatchObject({ met: 6, applicable: 7, percent: 85.7, reached: false });
  });

  it('restricts categories and gaps to the target level', () => {
    const r = scoreLevels(cat, answersAll(cat, 'not_met', { 'g1-3-1': 'met' }), { target: 3 });
    expect(r.target).toBe(3);
    expect(r.gaps).toEqual(['g1-3-2', 'g2-3-1']);
    expect(r.categories).toEqual([
      { id: 'g1', met: 1, applicable: 2, percent: 50 },
      { id: 'g2', met: 0, applicable: 1, percent: 0 },
      { id: 'g3', met: 0, applicable: 0, percent: null },
    ]);
    // levels are always reported in full
    expect(r.levels.map((l) => l.rank)).toEqual([3, 4]);
  });

  it('lists gaps in official (catalogue) order, not level order', () => {
    const mixed = makeCatalogue({
      criteria: [
        { id: 'z', groupId: 'g', level: 4 },
        { id: 'a', groupId: 'g', level: 3 },
        { id: 'm', groupId: 'h', level: 4 },
      ],
    });
    expect(scoreLevels(mixed, {}).gaps).toEqual(['z', 'a', 'm']);
  });

  it('computes JAMA-style cumulative percentages per level and per label', () => {
    const jama = makeCatalogue({ criteria: criteriaFrom({ '1': { 1: 2, 2: 2 }, '2': { 1: 1, 3: 1 } }) });
    const r = scoreLevels(jama, { '1-1-1': 'met', '1-1-2': 'met', '2-1-1': 'not_met', '1-2-1': 'met' });
    expect(r.level).toBeNull();
    expect(r.levels.map((l) => [l.rank, l.percent])).toEqual([
      [1, 66.7],
      [2, 60],
      [3, 50],
    ]);
    expect(r.categories).toEqual([
      { id: '1', met: 3, applicable: 4, percent: 75 },
      { id: '2', met: 0, applicable: 2, percent: 0 },
    ]);
  });

  it('marks provisional levels', () => {
    const star5 = makeCatalogue({
      provisionalRanks: [5],
      criteria: criteriaFrom({ g: { 3: 1, 4: 1, 5: 1 } }),
    });
    const r = scoreLevels(star5, answersAll(star5, 'met'));
    expect(r.level).toBe(5);
    expect(r.levels.map((l) => l.provisional)).toEqual([false, false, true]);
  });

  it('treats unassigned codes in the fast path as no answer', () => {
    const compiled = compileCatalogue(cat);
    const codes = encodeAnswers(compiled, answersAll(cat, 'met'));
    codes[0] = 99;
    expect(scoreLevels(compiled, codes)).toEqual(
      scoreLevels(compiled, answersAll(cat, 'met', { 'g1-3-1': undefined })),
    );
  });

  it('rejects a code array of the wrong length', () => {
    expect(() => scoreLevels(cat, new Uint8Array(2))).toThrow(RangeError);
  });
});

describe('scoreLevels properties', () => {
  it('agrees with the reference scorer, via the record and via the code path', () => {
    fc.assert(
      fc.property(
        arbLevelAssessment,
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        ({ cat, answers }, target) => {
          const compiled = compileCatalogue(cat);
          const viaRecord = scoreLevels(cat, answers, { target });
          const viaCodes = scoreLevels(compiled, encodeAnswers(compiled, answers), { target });
          expect(viaCodes).toEqual(viaRecord);
          const ref = referenceLevels(cat, answers, target);
          expect(viaRecord.level).toBe(ref.level);
          expect(viaRecord.gaps).toEqual(ref.gaps);
          expect(
            viaRecord.levels.map(({ rank, met, applicable, reached }) => ({
              rank,
              met,
              applicable,
              reached,
            })),
          ).toEqual(ref.levels);
          expect(viaRecord.categories.map(({ id, met, applicable }) => ({ id, met, applicable }))).toEqual(
            ref.categories,
          );
        },
      ),
    );
  });

  it('adding a met answer never lowers the level', () => {
    fc.assert(
      fc.property(arbLevelAssessment, fc.nat(), ({ cat, answers }, pick) => {
        const id = cat.criteria[pick % cat.criteria.length].id;
        const before = scoreLevels(cat, answers).level ?? -Infinity;
        const after = scoreLevels(cat, { ...answers, [id]: 'met' }).level ?? -Infinity;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('reaching a level implies every lower level is reached (ranks are monotone)', () => {
    fc.assert(
      fc.property(arbLevelAssessment, ({ cat, answers }) => {
        const r = scoreLevels(cat, answers);
        r.levels.forEach((l, i) => {
          if (l.reached) expect(r.levels.slice(0, i).every((lower) => lower.reached)).toBe(true);
          expect(l.reached).toBe(l.met === l.applicable);
          expect(l.reached).toBe(r.level !== null && l.rank <= r.level);
        });
        // cumulative counts never shrink
        r.levels.slice(1).forEach((l, i) => {
          expect(l.met).toBeGreaterThanOrEqual(r.levels[i].met);
          expect(l.applicable).toBeGreaterThanOrEqual(r.levels[i].applicable);
        });
      }),
    );
  });

  it('every gap is at or below the target and is unsatisfied', () => {
    fc.assert(
      fc.property(arbLevelAssessment, fc.integer({ min: 0, max: 6 }), ({ cat, answers }, target) => {
        const r = scoreLevels(cat, answers, { target });
        const byId = new Map(cat.criteria.map((c) => [c.id, c]));
        for (const id of r.gaps) {
          expect(byId.get(id)?.level).toBeLessThanOrEqual(target);
          expect(['met', 'not_applicable']).not.toContain(answers[id]);
        }
      }),
    );
  });

  it('the code path matches the record path for raw random code arrays', () => {
    fc.assert(
      fc.property(arbLevelAssessment, fc.uint8Array({ minLength: 40, maxLength: 40 }), ({ cat }, bytes) => {
        const compiled = compileCatalogue(cat);
        const codes = bytes.slice(0, compiled.size).map((b) => b % (ANSWER_CODES.unknown + 1));
        const record = Object.fromEntries(
          compiled.ids.flatMap((id, i) => {
            const v = (['met', 'not_met', 'partial', 'not_applicable', 'unknown'] as const)[codes[i] - 1];
            return v === undefined ? [] : [[id, v]];
          }),
        );
        expect(scoreLevels(compiled, codes)).toEqual(scoreLevels(compiled, record));
      }),
    );
  });
});
