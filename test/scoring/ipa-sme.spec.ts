/**
 * IPA 5分でできる！情報セキュリティ自社診断 (25 items) and SECURITY ACTION 5か条 scenarios against the built-in
 * catalogues.
 */
import { scoreAssessment, scoreChecklist, scorePoints } from '@tierstar/scoring';
import { answerAll as all, loadCatalogue } from './load';

const ipa = loadCatalogue('ipa-sme-selfcheck');
const kajo = loadCatalogue('ipa-5kajo');

describe('IPA self-check scenarios', () => {
  it('is a 25-item points catalogue in three parts', () => {
    expect(ipa.scoring).toBe('points');
    expect(ipa.criteria.map((c) => c.id)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    expect(scorePoints(ipa, {}).groups.map((g) => g.max)).toEqual([20, 52, 28]);
  });

  it('all implemented = 100 band', () => {
    expect(scorePoints(ipa, all(ipa, 'met'))).toMatchObject({
      points: 100,
      band: '100',
      unknown: [],
      gaps: [],
    });
  });

  it('two don’t-knows drop below 100 and are listed', () => {
    const r = scorePoints(ipa, all(ipa, 'met', { '6': 'unknown', '21': 'unknown' }));
    expect(r.points).toBe(90);
    expect(r.band).toBe('70-99');
    expect(r.unknown).toEqual(['6', '21']);
  });

  it('no Wi-Fi: item 9 (wireless LAN) not applicable with the reason still scores 100', () => {
    const r = scoreAssessment(ipa, all(ipa, 'met', { '9': 'not_applicable' }), {
      naReasons: { '9': '事務所に無線LANがなく、外でも公衆無線LANを使わない' },
    });
    expect(r).toMatchObject({ kind: 'points', points: 100, band: '100' });
  });

  it('nothing done and unsure about everything: negative total, lowest band', () => {
    expect(scorePoints(ipa, all(ipa, 'unknown'))).toMatchObject({ points: -25, band: '0-49' });
  });
});

describe('SECURITY ACTION 5か条', () => {
  it('is satisfied only when all five are in place', () => {
    expect(scoreChecklist(kajo, all(kajo, 'met')).satisfied).toBe(true);
    const r = scoreChecklist(kajo, all(kajo, 'met', { '3': 'partial' }));
    expect(r).toMatchObject({ satisfied: false, gaps: ['3'], met: 4, applicable: 5 });
  });
});
