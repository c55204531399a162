/**
 * Scoring scenarios against the built-in METI SCS 2026-03-27 catalogue (ids from IPA's official file).
 * Lives outside libs/scoring because libs/scoring may not import @tierstar/guidelines.
 */
import { compileCatalogue, encodeAnswers, scoreLevels, type AnswerValue } from '@tierstar/scoring';
import { answerAll, loadCatalogue } from './load';

const meti = loadCatalogue('meti-scs');
const allMet = (overrides: Record<string, AnswerValue> = {}) => answerAll(meti, 'met', overrides);

describe('METI SCS catalogue as scoring input', () => {
  it('compiles: 153 criteria, ★3 = 81, 7 categories', () => {
    const compiled = compileCatalogue(meti);
    expect(compiled.size).toBe(153);
    expect(compiled.ranks).toEqual([3, 4]);
    expect(compiled.groupIds).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const empty = scoreLevels(compiled, {});
    expect(empty.levels.map((l) => [l.rank, l.applicable])).toEqual([
      [3, 81],
      [4, 153],
    ]);
  });
});

describe('METI SCS scenarios', () => {
  it('SME with everything but MFA for cloud mail stays below ★3', () => {
    // 4-1-3-2: MFA for users and admins of cloud services holding important confidential information (★3).
    const r = scoreLevels(meti, allMet({ '4-1-3-2': 'not_met' }), { target: 3 });
    expect(r.level).toBeNull();
    expect(r.gaps).toEqual(['4-1-3-2']);
    expect(r.levels[0]).toMatchObject({ rank: 3, met: 80, applicable: 81, reached: false });
    const cat4 = r.categories.find((c) => c.id === '4');
    expect(cat4 && cat4.applicable - cat4.met).toBe(1);
  });

  it('★4 claim with one ★4 logging gap reaches ★3 only', () => {
    // 4-4-3-1: collect and keep firewall/proxy/authentication-server logs (★4).
    const r = scoreLevels(meti, allMet({ '4-4-3-1': 'partial' }), { target: 4 });
    expect(r.level).toBe(3);
    expect(r.gaps).toEqual(['4-4-3-1']);
    expect(r.levels.map((l) => l.reached)).toEqual([true, false]);
    expect(r.levels[1]).toMatchObject({ met: 152, applicable: 153 });
  });

  it('no remote work: the remote-work rules marked not_applicable with reasons still reach ★4', () => {
    const reason = '全員が事務所で働き、社外から仕事をする人はいない';
    const r = scoreLevels(
      meti,
      allMet({ '3-1-5-1': 'not_applicable', '3-1-5-2': 'not_applicable', '3-1-5-3': 'not_applicable' }),
      { naReasons: { '3-1-5-1': reason, '3-1-5-2': reason, '3-1-5-3': reason } },
    );
    expect(r.level).toBe(4);
    expect(r.levels[1]).toMatchObject({ met: 150, applicable: 150, percent: 100, notApplicable: 3 });
  });

  it('a ★4 gap does not show in the gap list for a ★3 target', () => {
    const r = scoreLevels(meti, allMet({ '4-4-3-1': 'not_met', '4-1-3-2': 'unknown' }), { target: 3 });
    expect(r.level).toBeNull();
    expect(r.gaps).toEqual(['4-1-3-2']);
  });

  it('gives identical results for record and code input', () => {
    const compiled = compileCatalogue(meti);
    const answers = allMet({ '4-1-3-2': 'partial', '4-4-3-1': 'not_applicable', '7-1-1-1': 'unknown' });
    const options = { naReasons: { '4-4-3-1': 'x' } };
    expect(scoreLevels(compiled, encodeAnswers(compiled, answers), options)).toEqual(
      scoreLevels(meti, answers, options),
    );
  });
});
