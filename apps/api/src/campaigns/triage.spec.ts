import { getCatalogue } from '@tierstar/guidelines';
import { rankForStar, suggestStar } from './triage';

describe('triage', () => {
  it('suggests ★4 when any of the three questions is yes, ★3 otherwise', () => {
    expect(suggestStar(null)).toBe(3);
    expect(suggestStar({ confidential: false, continuity: false, networkAccess: false })).toBe(3);
    expect(suggestStar({ confidential: true, continuity: false, networkAccess: false })).toBe(4);
    expect(suggestStar({ confidential: false, continuity: true, networkAccess: false })).toBe(4);
    expect(suggestStar({ confidential: false, continuity: false, networkAccess: true })).toBe(4);
  });

  it('maps ★ to the catalogue rank: METI keeps it, JAMA uses Lv1/Lv2, points catalogues have none', () => {
    const meti = getCatalogue('meti-scs')!;
    const jama = getCatalogue('jama-japia')!;
    const ipa = getCatalogue('ipa-sme-selfcheck')!;
    expect([rankForStar(meti, 3), rankForStar(meti, 4)]).toEqual([3, 4]);
    expect([rankForStar(jama, 3), rankForStar(jama, 4)]).toEqual([1, 2]);
    expect(rankForStar(ipa, 4)).toBeNull();
  });
});
