/**
 * 法人番号 (Japanese corporate number): 13 digits; the first is a check digit over the other 12.
 * check = 9 − (Σ Pn × Qn mod 9), Pn = n-th digit from the right of the 12-digit base, Qn = 1 (n odd) or 2 (n even).
 */
export function corporateNumberCheckDigit(base12: string): number {
  if (!/^\d{12}$/.test(base12)) throw new Error('base must be 12 digits');
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  if (value.length !== 13 || !/^\d{13}$/.test(value)) return false;
  return Number(value[0]) === corporateNumberCheckDigit(value.slice(1));
}

/** Builds a valid 法人番号 from a 12-digit base (used by seeds and test factories). */
export function withCheckDigit(base12: string): string {
  return `${corporateNumberCheckDigit(base12)}${base12}`;
}
