import fc from 'fast-check';
import { ANSWER_CODES } from './answers';
import { compileCatalogue, encodeAnswers } from './catalogue';
import { scoreLevels } from './levels';
import { arbLevelAssessment, arbReviewedAssessment } from './testing/arbitraries';
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
      {
        rank: 3,
        met: 3,
        applicable: 3,
        percent: 100,
        reached: true,
        confirmedReached: false,
        provisional: false,
        notApplicable: 0,
        applicableAtLevel: 3,
      },
      {
        rank: 4,
        met: 7,
        applicable: 7,
        percent: 100,
        reached: true,
        confirmedReached: false,
        provisional: false,
        notApplicable: 0,
        applicableAtLevel: 4,
      },
    ]);
    expect(r.confirmedLevel).toBeNull();
    expect(r.na).toEqual({
      count: 0,
      total: 7,
      ratio: 0,
      threshold: 0.2,
      warning: false,
      notAllowed: [],
      reasonMissing: [],
      awaitingAcceptance: [],
    });
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

  it('counts an allowed not_applicable with a reason as satisfied and leaves it out of applicable', () => {
    const r = scoreLevels(cat, answersAll(cat, 'met', { 'g1-3-1': 'not_applicable' }), {
      naReasons: { 'g1-3-1': 'サーバーを持っていない' },
    });
    expect(r.level).toBe(4);
    expect(r.levels[0]).toMatchObject({ met: 2, applicable: 2, percent: 100, notApplicable: 1 });
    expect(r.categories[0]).toEqual({ id: 'g1', met: 2, applicable: 2, percent: 100 });
    expect(r.na).toMatchObject({ count: 1, total: 7, ratio: 0.1429, warning: false });
    expect(r.na.awaitingAcceptance).toEqual(['g1-3-1']);
  });

  it.each([
    ['no reason at all', undefined],
    ['a blank reason', '   '],
  ])('an N/A answer with %s does not count and is reported', (_name, reason) => {
    const r = scoreLevels(cat, answersAll(cat, 'met', { 'g1-3-1': 'not_applicable' }), {
      naReasons: reason === undefined ? {} : { 'g1-3-1': reason },
    });
    expect(r.level).toBeNull();
    expect(r.gaps).toEqual(['g1-3-1']);
    expect(r.levels[0]).toMatchObject({ met: 2, applicable: 3, notApplicable: 0 });
    expect(r.na).toMatchObject({ count: 0, reasonMissing: ['g1-3-1'], notAllowed: [] });
  });

  it('an N/A answer where the criterion never allows it does not count, even with a reason', () => {
    const strict = makeCatalogue({
      criteria: [
        { id: 'policy', groupId: 'g', level: 3, naPolicy: 'never' },
        { id: 'servers', groupId: 'g', level: 3, naPolicy: 'with_reason' },
      ],
    });
    const r = scoreLevels(
      strict,
      { policy: 'not_applicable', servers: 'met' },
      { naReasons: { policy: '方針は親会社が作っている' } },
    );
    expect(r.level).toBeNull();
    expect(r.gaps).toEqual(['policy']);
    expect(r.na).toMatchObject({ count: 0, notAllowed: ['policy'], reasonMissing: [] });
  });

  it('a level whose own criteria are all N/A is never reached, and nothing above it either', () => {
    const reasons = Object.fromEntries(cat.criteria.map((c) => [c.id, '該当する設備がない']));
    const star3AllNa = answersAll(cat, 'met', {
      'g1-3-1': 'not_applicable',
      'g1-3-2': 'not_applicable',
      'g2-3-1': 'not_applicable',
    });
    const r = scoreLevels(cat, star3AllNa, { naReasons: reasons });
    expect(r.levels.map((l) => [l.rank, l.applicableAtLevel, l.reached])).toEqual([
      [3, 0, false],
      [4, 4, false],
    ]);
    expect(r.level).toBeNull();
    expect(r.gaps).toEqual([]);

    const star4AllNa = answersAll(cat, 'met', {
      'g1-4-1': 'not_applicable',
      'g2-4-1': 'not_applicable',
      'g2-4-2': 'not_applicable',
      'g3-4-1': 'not_applicable',
    });
    const r4 = scoreLevels(cat, star4AllNa, { naReasons: reasons });
    expect(r4.level).toBe(3);
    expect(r4.levels[1]).toMatchObject({ reached: false, applicableAtLevel: 0, notApplicable: 4 });
    expect(r4.na).toMatchObject({ count: 4, total: 7, ratio: 0.5714, warning: true });
  });

  it('warns above the N/A threshold, which can be set', () => {
    const answers = answersAll(cat, 'met', { 'g1-4-1': 'not_applicable' });
    const naReasons = { 'g1-4-1': 'リモートワークをしていない' };
    expect(scoreLevels(cat, answers, { naReasons }).na).toMatchObject({ ratio: 0.1429, warning: false });
    expect(scoreLevels(cat, answers, { naReasons, naWarningThreshold: 0.1 }).na).toMatchObject({
      threshold: 0.1,
      warning: true,
    });
    // At ★3 the one N/A is out of scope: 0 of 3.
    expect(scoreLevels(cat, answers, { naReasons, target: 3 }).na).toMatchObject({ count: 0, total: 3 });
    expect(() => scoreLevels(cat, answers, { naWarningThreshold: 1.5 })).toThrow(RangeError);
  });

  it('the confirmed level needs each met answer confirmed and each N/A accepted', () => {
    const answers = answersAll(cat, 'met', { 'g3-4-1': 'not_applicable' });
    const naReasons = { 'g3-4-1': '公開サーバーがない' };
    const allIds = cat.criteria.map((c) => c.id);
    const metIds = allIds.filter((id) => id !== 'g3-4-1');
    const claimOnly = scoreLevels(cat, answers, { naReasons });
    expect([claimOnly.level, claimOnly.confirmedLevel]).toEqual([4, null]);

    const notAccepted = scoreLevels(cat, answers, {
      naReasons,
      review: { confirmed: allIds, acceptedNa: [] },
    });
    expect([notAccepted.level, notAccepted.confirmedLevel]).toEqual([4, 3]);
    expect(notAccepted.levels.map((l) => l.confirmedReached)).toEqual([true, false]);
    expect(notAccepted.na.awaitingAcceptance).toEqual(['g3-4-1']);

    const accepted = scoreLevels(cat, answers, {
      naReasons,
      review: { confirmed: metIds, acceptedNa: new Set(['g3-4-1']) },
    });
    expect([accepted.level, accepted.confirmedLevel]).toEqual([4, 4]);
    expect(accepted.na.awaitingAcceptance).toEqual([]);

    const oneUnconfirmed = scoreLevels(cat, answers, {
      naReasons,
      review: { confirmed: metIds.filter((id) => id !== 'g1-3-1'), acceptedNa: ['g3-4-1'] },
    });
    expect(oneUnconfirmed.confirmedLevel).toBeNull();
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
        arbReviewedAssessment,
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        fc.boolean(),
        ({ cat, answers, naReasons, review }, target, reviewed) => {
          const options = { target, naReasons, ...(reviewed ? { review } : {}) };
          const compiled = compileCatalogue(cat);
          const viaRecord = scoreLevels(cat, answers, options);
          const viaCodes = scoreLevels(compiled, encodeAnswers(compiled, answers), options);
          expect(viaCodes).toEqual(viaRecord);
          const ref = referenceLevels(cat, answers, options);
          expect(viaRecord.level).toBe(ref.level);
          expect(viaRecord.confirmedLevel).toBe(ref.confirmedLevel);
          expect(viaRecord.gaps).toEqual(ref.gaps);
          expect(
            viaRecord.levels.map(
              ({ rank, met, applicable, reached, confirmedReached, applicableAtLevel }) => ({
                rank,
                met,
                applicable,
                reached,
                confirmedReached,
                applicableAtLevel,
              }),
            ),
          ).toEqual(ref.levels);
          expect(viaRecord.categories.map(({ id, met, applicable }) => ({ id, met, applicable }))).toEqual(
            ref.categories,
          );
          expect(viaRecord.na.count).toBe(ref.naCount);
          expect(viaRecord.na.notAllowed).toEqual(ref.notAllowed);
          expect(viaRecord.na.reasonMissing).toEqual(ref.reasonMissing);
        },
      ),
    );
  });

  it('an all-N/A answer set reaches no level, whatever the policies and reasons', () => {
    fc.assert(
      fc.property(arbReviewedAssessment, ({ cat, naReasons, review }) => {
        const everyReason = Object.fromEntries(cat.criteria.map((c) => [c.id, '該当しない理由']));
        for (const reasons of [naReasons, everyReason]) {
          const r = scoreLevels(cat, answersAll(cat, 'not_applicable'), {
            naReasons: reasons,
            review: { confirmed: cat.criteria.map((c) => c.id), acceptedNa: review.acceptedNa },
          });
          expect(r.level).toBeNull();
          expect(r.confirmedLevel).toBeNull();
          expect(r.levels.every((l) => !l.reached && !l.confirmedReached)).toBe(true);
        }
      }),
    );
  });

  it('a disallowed N/A never satisfies a criterion: same result as answering not_met', () => {
    fc.assert(
      fc.property(arbReviewedAssessment, fc.nat(), ({ cat, answers, naReasons, review }, pick) => {
        const c = cat.criteria[pick % cat.criteria.length];
        // Disallowed: the policy is never, or (with_reason) the reason is blank.
        const reasons: Record<string, string | null | undefined> = { ...naReasons };
        if (c.naPolicy !== 'never') reasons[c.id] = '';
        const withNa = scoreLevels(
          cat,
          { ...answers, [c.id]: 'not_applicable' },
          { naReasons: reasons, review },
        );
        const withNotMet = scoreLevels(
          cat,
          { ...answers, [c.id]: 'not_met' },
          { naReasons: reasons, review },
        );
        expect(withNa.level).toBe(withNotMet.level);
        expect(withNa.confirmedLevel).toBe(withNotMet.confirmedLevel);
        expect(withNa.gaps).toEqual(withNotMet.gaps);
        expect(withNa.levels.map((l) => [l.met, l.applicable])).toEqual(
          withNotMet.levels.map((l) => [l.met, l.applicable]),
        );
        expect([...withNa.na.notAllowed, ...withNa.na.reasonMissing]).toContain(c.id);
      }),
    );
  });

  it('the confirmed level never exceeds the claimed level nor what the reviewer accepted', () => {
    fc.assert(
      fc.property(arbReviewedAssessment, fc.nat(), ({ cat, answers, naReasons, review }, pick) => {
        const everyId = cat.criteria.map((c) => c.id);
        // The random review, and one that confirms every met answer (so confirmed levels actually occur).
        for (const rv of [review, { confirmed: everyId, acceptedNa: review.acceptedNa }]) {
          const r = scoreLevels(cat, answers, { naReasons, review: rv });
          const confirmed = new Set(rv.confirmed);
          const accepted = new Set(rv.acceptedNa);
          if (r.confirmedLevel !== null) {
            expect(r.level).not.toBeNull();
            expect(r.confirmedLevel).toBeLessThanOrEqual(r.level!);
            // Every criterion up to the confirmed level is a confirmed met or an accepted, allowed, reasoned N/A.
            for (const c of cat.criteria.filter((k) => k.level <= r.confirmedLevel!)) {
              const v = answers[c.id];
              const ok =
                (v === 'met' && confirmed.has(c.id)) ||
                (v === 'not_applicable' &&
                  c.naPolicy !== 'never' &&
                  (naReasons[c.id] ?? '').trim() !== '' &&
                  accepted.has(c.id));
              expect(ok).toBe(true);
            }
          }
          // Withdrawing one acceptance or confirmation never raises the confirmed level.
          const id = everyId[pick % everyId.length];
          const less = {
            confirmed: [...confirmed].filter((x) => x !== id),
            acceptedNa: [...accepted].filter((x) => x !== id),
          };
          const lower = scoreLevels(cat, answers, { naReasons, review: less }).confirmedLevel ?? -Infinity;
          expect(lower).toBeLessThanOrEqual(r.confirmedLevel ?? -Infinity);
        }
        // Accepting nothing and confirming nothing confirms nothing.
        expect(
          scoreLevels(cat, answers, { naReasons, review: { confirmed: [], acceptedNa: [] } }).confirmedLevel,
        ).toBeNull();
      }),
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
      fc.property(arbReviewedAssessment, ({ cat, answers, naReasons }) => {
        const r = scoreLevels(cat, answers, { naReasons });
        r.levels.forEach((l, i) => {
          if (l.reached) expect(r.levels.slice(0, i).every((lower) => lower.reached)).toBe(true);
          if (l.reached) expect(l.met).toBe(l.applicable);
          if (l.reached) expect(l.applicableAtLevel).toBeGreaterThan(0);
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
      fc.property(
        arbReviewedAssessment,
        fc.integer({ min: 0, max: 6 }),
        ({ cat, answers, naReasons }, target) => {
          const r = scoreLevels(cat, answers, { target, naReasons });
          const byId = new Map(cat.criteria.map((c) => [c.id, c]));
          for (const id of r.gaps) {
            expect(byId.get(id)?.level).toBeLessThanOrEqual(target);
            expect(answers[id]).not.toBe('met');
            if (answers[id] === 'not_applicable') {
              expect([...r.na.notAllowed, ...r.na.reasonMissing]).toContain(id);
            }
          }
        },
      ),
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
