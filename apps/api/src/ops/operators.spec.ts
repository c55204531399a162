import { bearerMatches, parseOperatorEmails } from './operators';

describe('parseOperatorEmails', () => {
  it('splits, trims and lower-cases; empty means nobody', () => {
    expect([...parseOperatorEmails(' Ops@Example.jp, ,b@x.jp ')]).toEqual(['ops@example.jp', 'b@x.jp']);
    expect(parseOperatorEmails('').size).toBe(0);
  });
});

describe('bearerMatches', () => {
  const token = 'x'.repeat(32);
  it('accepts only the exact bearer token', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`Bearer ${token}y`, token)).toBe(false);
    expect(bearerMatches(`Basic ${token}`, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(undefined, token)).toBe(false);
    expect(bearerMatches('Bearer ', '')).toBe(false);
  });

  it('looks at no header longer than 1024 characters', () => {
    const long = 'y'.repeat(1100);
    expect(bearerMatches(`Bearer ${long}`, long)).toBe(false);
    const fits = 'z'.repeat(1000);
    expect(bearerMatches(`Bearer ${fits}`, fits)).toBe(true);
  });
});
