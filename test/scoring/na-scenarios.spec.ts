/**
 * "Not applicable" under control, on the real catalogues: stories named after the cases buyers and suppliers
 * bring. The rules themselves are property-tested in libs/scoring/src/levels.spec.ts.
 */
import fc from 'fast-check';
import {
  IPA_BAND_ADVICE,
  NA_SHARE_WARNING_THRESHOLD,
  scoreChecklist,
  scoreLevels,
  scorePoints,
  type AnswerValue,
} from '@tierstar/scoring';
import { answerAll, loadCatalogue } from './load';

const meti = loadCatalogue('meti-scs');
const jama = loadCatalogue('jama-japia');
const star5 = loadCatalogue('scs-star5-provisional');
const ipa = loadCatalogue('ipa-sme-selfcheck');
const kajo = loadCatalogue('ipa-5kajo');

const star3 = meti.criteria.filter((c) => c.level === 3);
const metIds = (answers: Record<string, AnswerValue>) =>
  Object.entries(answers)
    .filter(([, v]) => v === 'met')
    .map(([id]) => id);

describe('METI SCS: N/A stories', () => {
  it('an SME with no servers marks server criteria N/A with reasons and reaches ★3 after the expert accepts them', () => {
    // At ★3 the server inventory is the criterion that is only about servers; the rest (router owners,
    // anti-malware on PCs and servers, configuration approval) still applies through PCs and network devices.
    const servers = ['3-1-1-2'];
    const reason = '自社のサーバ(社内・クラウド上の仮想サーバとも)はなく、NASも置いていない';
    // A ★3 assessment: the ★3 criteria are answered, the ★4 ones are not asked.
    const answers: Record<string, AnswerValue> = {
      ...Object.fromEntries(star3.map((c) => [c.id, 'met' as const])),
      ...Object.fromEntries(servers.map((id) => [id, 'not_applicable' as const])),
    };
    const naReasons = Object.fromEntries(servers.map((id) => [id, reason]));

    const claimed = scoreLevels(meti, answers, { target: 3, naReasons });
    expect(claimed.level).toBe(3);
    expect(claimed.gaps).toEqual([]);
    expect(claimed.na).toMatchObject({ count: 1, total: 81, warning: false, awaitingAcceptance: servers });

    const star3Met = metIds(answers);
    const beforeAcceptance = scoreLevels(meti, answers, {
      target: 3,
      naReasons,
      review: { confirmed: star3Met, acceptedNa: [] },
    });
    expect(beforeAcceptance.confirmedLevel).toBeNull();

    const accepted = scoreLevels(meti, answers, {
      target: 3,
      naReasons,
      review: { confirmed: star3Met, acceptedNa: servers },
    });
    expect([accepted.level, accepted.confirmedLevel]).toEqual([3, 3]);
    expect(accepted.na.awaitingAcceptance).toEqual([]);
  });

  it('an SME with no server room marks the ★4 server-room criteria N/A; ★4 is confirmed only once the evaluator accepts them', () => {
    const room = ['4-1-8-1', '4-1-8-2', '4-1-8-3', '4-1-8-4'];
    const answers = answerAll(meti, 'met', Object.fromEntries(room.map((id) => [id, 'not_applicable'])));
    const naReasons = Object.fromEntries(
      room.map((id) => [id, 'サーバはすべてクラウド上にあり、社内にサーバ置き場がない']),
    );
    const everyMet = metIds(answers);
    const partly = scoreLevels(meti, answers, {
      naReasons,
      review: { confirmed: everyMet, acceptedNa: room.slice(0, 3) },
    });
    expect([partly.level, partly.confirmedLevel]).toEqual([4, 3]);
    const all = scoreLevels(meti, answers, { naReasons, review: { confirmed: everyMet, acceptedNa: room } });
    expect(all.confirmedLevel).toBe(4);
  });

  it('answering all 153 criteria 該当しない reaches no level, even with a reason on each', () => {
    const naReasons = Object.fromEntries(meti.criteria.map((c) => [c.id, '該当しない']));
    const r = scoreLevels(meti, answerAll(meti, 'not_applicable'), { naReasons });
    expect(r.level).toBeNull();
    expect(r.confirmedLevel).toBeNull();
    expect(r.levels.map((l) => l.reached)).toEqual([false, false]);
    // Most criteria never allow N/A: they count as unmet gaps and are named.
    expect(r.na.notAllowed.length).toBe(meti.criteria.filter((c) => c.naPolicy === 'never').length);
    expect(r.na.notAllowed).toEqual(expect.arrayContaining(['1-3-1-1', '6-1-1-1', '4-3-4-1']));
    expect(r.na.warning).toBe(true);
  });

  it('"our parent company writes the policy" is no N/A for the security policy: ★3 is not reached', () => {
    const r = scoreLevels(meti, answerAll(meti, 'met', { '1-3-1-1': 'not_applicable' }), {
      target: 3,
      naReasons: { '1-3-1-1': '方針は親会社が作っている' },
    });
    expect(r.level).toBeNull();
    expect(r.gaps).toEqual(['1-3-1-1']);
    expect(r.na.notAllowed).toEqual(['1-3-1-1']);
  });

  it('an N/A for cloud MFA without a reason does not count', () => {
    const r = scoreLevels(meti, answerAll(meti, 'met', { '4-1-3-2': 'not_applicable' }), {
      target: 3,
      naReasons: { '4-1-3-2': '  ' },
    });
    expect(r.level).toBeNull();
    expect(r.na.reasonMissing).toEqual(['4-1-3-2']);
  });

  it('a supplier marking every criterion it may as N/A at ★4 is flagged to the buyer (share above 20 %)', () => {
    const allowed = meti.criteria.filter((c) => c.naPolicy === 'with_reason').map((c) => c.id);
    const answers = answerAll(meti, 'met', Object.fromEntries(allowed.map((id) => [id, 'not_applicable'])));
    const naReasons = Object.fromEntries(allowed.map((id) => [id, '該当する設備や業務がない']));
    const r = scoreLevels(meti, answers, { naReasons });
    expect(r.level).toBe(4);
    expect(r.na.count).toBe(allowed.length);
    expect(r.na.ratio).toBeGreaterThan(NA_SHARE_WARNING_THRESHOLD);
    expect(r.na.warning).toBe(true);
    // The same at ★3 stays under the threshold: fewer ★3 criteria may be N/A.
    const at3 = scoreLevels(meti, answers, { naReasons, target: 3 });
    expect(at3.na.ratio).toBeLessThan(NA_SHARE_WARNING_THRESHOLD);
  });

  it('a disallowed N/A never satisfies a METI criterion (any criterion, any other answers)', () => {
    const never = meti.criteria.filter((c) => c.naPolicy === 'never');
    fc.assert(
      fc.property(fc.constantFrom(...never), fc.boolean(), (c, withReason) => {
        const answers = answerAll(meti, 'met', { [c.id]: 'not_applicable' });
        const r = scoreLevels(meti, answers, { naReasons: withReason ? { [c.id]: 'x' } : {} });
        expect(r.gaps).toContain(c.id);
        expect(r.level).toBe(c.level === 3 ? null : 3);
      }),
      { numRuns: 60 },
    );
  });
});

describe('JAMA/JAPIA and the provisional ★5 profile', () => {
  it('all N/A reaches no JAMA level and no ★ of the provisional profile', () => {
    for (const cat of [jama, star5]) {
      const naReasons = Object.fromEntries(cat.criteria.map((c) => [c.id, '該当しない']));
      const r = scoreLevels(cat, answerAll(cat, 'not_applicable'), { naReasons });
      expect([cat.id, r.level]).toEqual([cat.id, null]);
    }
  });

  it('the ★5 extra JAMA items keep their N/A rule (e.g. development standard: with a reason)', () => {
    const extra = star5.criteria.filter((c) => c.sourceCatalogueId === 'jama-japia');
    expect(extra.every((c) => c.naPolicy !== undefined && c.naRationale !== undefined)).toBe(true);
    const sameAsJama = extra.every((c) => jama.criteria.find((j) => j.id === c.id)?.naPolicy === c.naPolicy);
    expect(sameAsJama).toBe(true);
  });
});

describe('IPA entry rungs: complete results', () => {
  it('a 自社診断 of 100/100 carries points, band, the band’s advice and an empty わからない list', () => {
    const r = scorePoints(ipa, answerAll(ipa, 'met'));
    expect(r).toMatchObject({ points: 100, maxPoints: 100, band: '100', unknown: [], gaps: [] });
    expect(r.bandAdvice).toEqual(IPA_BAND_ADVICE['100']);
    expect(r.bandAdvice.ja).toMatch(/基本方針/);
    // JSON round trip: a snapshot stores exactly this.
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('わからない items are listed so the supplier and the buyer can look at them again', () => {
    const r = scorePoints(ipa, answerAll(ipa, 'met', { '11': 'unknown', '24': 'unknown' }));
    expect([r.points, r.band, r.unknown]).toEqual([90, '70-99', ['11', '24']]);
    expect(r.bandAdvice).toEqual(IPA_BAND_ADVICE['70-99']);
  });

  it('"we do not use passwords" is no N/A in the 自社診断', () => {
    const r = scorePoints(ipa, answerAll(ipa, 'met', { '3': 'not_applicable' }), { naReasons: { '3': 'x' } });
    expect([r.points, r.na.notAllowed]).toEqual([96, ['3']]);
  });

  it('the 5か条 result is complete: satisfied, counts, gaps, unanswered and the N/A share', () => {
    const r = scoreChecklist(kajo, answerAll(kajo, 'met', { '2': 'partial' }));
    expect(r).toEqual({
      kind: 'checklist',
      catalogueId: 'ipa-5kajo',
      version: '3.1',
      satisfied: false,
      met: 4,
      applicable: 5,
      percent: 80,
      gaps: ['2'],
      unanswered: [],
      na: {
        count: 0,
        total: 5,
        ratio: 0,
        threshold: NA_SHARE_WARNING_THRESHOLD,
        warning: false,
        notAllowed: [],
        reasonMissing: [],
        awaitingAcceptance: [],
      },
    });
    const allNa = scoreChecklist(kajo, answerAll(kajo, 'not_applicable'), {
      naReasons: Object.fromEntries(kajo.criteria.map((c) => [c.id, 'x'])),
    });
    expect(allNa.satisfied).toBe(false);
    expect(allNa.na.notAllowed).toHaveLength(5);
  });
});
