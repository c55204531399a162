import { corporateNumberCheckDigit, isValidCorporateNumber, withCheckDigit } from './corporate-number';

describe('法人番号 check digit', () => {
  it('accepts published corporate numbers', () => {
    // National Tax Agency's own number, and a well-known automaker's.
    expect(isValidCorporateNumber('7000012050002')).toBe(true);
    expect(isValidCorporateNumber('1180301018771')).toBe(true);
  });

  it('refuses a wrong check digit, wrong length or non-digits', () => {
    expect(isValidCorporateNumber('2180301018771')).toBe(false);
    expect(isValidCorporateNumber('118030101877')).toBe(false);
    expect(isValidCorporateNumber('118030101877１')).toBe(false);
    expect(isValidCorporateNumber('11803010187a1')).toBe(false);
  });

  it('computes a digit for any base that then validates', () => {
    for (const base of ['000000000000', '999999999999', '123456789012']) {
      const full = withCheckDigit(base);
      expect(full).toHaveLength(13);
      expect(isValidCorporateNumber(full)).toBe(true);
      expect(corporateNumberCheckDigit(base)).toBeGreaterThanOrEqual(1);
    }
  });
});
