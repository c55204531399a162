import { compareOfficialIds, sortOfficial } from './order';

describe('compareOfficialIds', () => {
  it('orders METI ids by numeric segments', () => {
    expect(
      sortOfficial(['4-1-10-1', '4-1-9-3', '4-1-1-1', '10-1-1-1', '4-1-1-10', '4-1-1-2'], (x) => x),
    ).toEqual(['4-1-1-1', '4-1-1-2', '4-1-1-10', '4-1-9-3', '4-1-10-1', '10-1-1-1']);
  });

  it('orders JAMA and IPA ids numerically', () => {
    expect(sortOfficial(['No.100', 'No.9', 'No.10'], (x) => x)).toEqual(['No.9', 'No.10', 'No.100']);
    expect(sortOfficial(['25', '3', '19'], (x) => x)).toEqual(['3', '19', '25']);
  });

  it('puts plain ids before prefixed ids and shorter ids before their children', () => {
    expect(compareOfficialIds('7', 'jama-6')).toBeLessThan(0);
    expect(compareOfficialIds('4-1', '4-1-1')).toBeLessThan(0);
    expect(compareOfficialIds('6-1', '6-1')).toBe(0);
  });
});
