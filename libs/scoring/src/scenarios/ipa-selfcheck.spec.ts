/**
 * IPA 5分でできる！情報セキュリティ自社診断 scenarios on a synthetic 25-item catalogue shaped like the real one
 * (parts 1–5, 6–18, 19–25). The same scenarios against the built-in catalogue live in test/scoring/.
 */
import { scorePoints } from '../points';
import { answersAll, makeCatalogue } from '../testing/factory';

const ipa = makeCatalogue({
  id: 'ipa-sme-selfcheck-synthetic',
  scoring: 'points',
  ranks: [1],
  criteria: Array.from({ length: 25 }, (_, i) => ({
    id: String(i + 1),
    groupId: i < 5 ? '1' : i < 18 ? '2' : '3',
    level: 1,
    // As in the built-in catalogue: Wi-Fi (9) may not apply; passwords (3) always do.
    naPolicy: i === 8 ? ('with_reason' as const) : ('never' as const),
  })),
});

describe('IPA self-check scenarios', () => {
  it('all implemented = 100 band', () => {
    expect(scorePoints(ipa, answersAll(ipa, 'met'))).toMatchObject({ points: 100, band: '100', unknown: [] });
  });

  it('two don’t-knows drop below 100 and are listed', () => {
    const r = scorePoints(ipa, answersAll(ipa, 'met', { '9': 'unknown', '23': 'unknown' }));
    expect(r.points).toBe(100 - 5 - 5);
    expect(r.band).toBe('70-99');
    expect(r.unknown).toEqual(['9', '23']);
  });

  it('no Wi-Fi (item 9 not applicable, with the reason) still scores full points', () => {
    const r = scorePoints(ipa, answersAll(ipa, 'met', { '9': 'not_applicable' }), {
      naReasons: { '9': '社内に無線LANがない' },
    });
    expect([r.points, r.band, r.na.count]).toEqual([100, '100', 1]);
  });

  it('"passwords do not apply to us" scores nothing for item 3 and is reported', () => {
    const r = scorePoints(ipa, answersAll(ipa, 'met', { '3': 'not_applicable' }), {
      naReasons: { '3': '個人事業なので' },
    });
    expect([r.points, r.band, r.na.notAllowed]).toEqual([96, '70-99', ['3']]);
  });

  it('half implemented, half partly: 75 points', () => {
    const answers = answersAll(ipa, 'partial');
    for (let i = 1; i <= 12; i++) answers[String(i)] = 'met';
    const r = scorePoints(ipa, { ...answers, '13': 'met' });
    expect(r.points).toBe(13 * 4 + 12 * 2);
    expect(r.band).toBe('70-99');
    expect(r.groups.map((g) => [g.id, g.points, g.max])).toEqual([
      ['1', 20, 20],
      ['2', 42, 52],
      ['3', 14, 28],
    ]);
  });
});
