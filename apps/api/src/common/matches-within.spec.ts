import { validateSync } from 'class-validator';
import { MatchesWithin } from './matches-within';
import { isIsoDate, isUuid } from './ids';

/** A pattern that counts how often it runs. */
class CountingPattern extends RegExp {
  runs = 0;
  override test(s: string): boolean {
    this.runs++;
    return super.test(s);
  }
}

describe('MatchesWithin', () => {
  const pattern = new CountingPattern('^[a-z]{1,8}$');
  class Probe {
    @MatchesWithin(pattern, 8, { each: true })
    value: unknown;
  }
  const check = (value: unknown) => {
    const probe = new Probe();
    probe.value = value;
    return validateSync(probe, { stopAtFirstError: true }).length === 0;
  };

  beforeEach(() => {
    pattern.runs = 0;
  });

  it('refuses a value over the length without running the pattern', () => {
    expect(check('a'.repeat(1_000_000))).toBe(false);
    expect(check(['abc', 'b'.repeat(9)])).toBe(false);
    expect(pattern.runs).toBe(1); // only for 'abc'
  });

  it('refuses non-strings without running the pattern, and matches strings within the length', () => {
    expect(check(12345678)).toBe(false);
    expect(check({ length: 1 })).toBe(false);
    expect(pattern.runs).toBe(0);
    expect(check('abcdefgh')).toBe(true);
    expect(check('abc1')).toBe(false);
    expect(check(['abc', 'de'])).toBe(true);
  });

  it('refuses stateful (global or sticky) patterns up front', () => {
    expect(() => MatchesWithin(/a/g, 1)).toThrow('stateless');
    expect(() => MatchesWithin(/a/y, 1)).toThrow('stateless');
  });
});

describe('ids', () => {
  it('checks the length of UUIDs and dates before their pattern', () => {
    expect(isUuid('7f1d2c3a-0000-4000-8000-000000000001')).toBe(true);
    expect(isUuid(`7f1d2c3a-0000-4000-8000-000000000001${'0'.repeat(1_000_000)}`)).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate(`2026-02-28${' '.repeat(100)}`)).toBe(false);
  });
});
