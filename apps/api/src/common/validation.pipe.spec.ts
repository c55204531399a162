import { checkInputShape, isStorableText, MAX_INPUT_DEPTH } from './validation.pipe';

const nest = (levels: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

describe('request input shape', () => {
  it('accepts what TierStar sends, up to the nesting limit', () => {
    expect(checkInputShape({ selection: { tiers: [1] }, title: '依頼 🚀', n: 1, ok: true, x: null })).toBe(
      'ok',
    );
    expect(checkInputShape(nest(MAX_INPUT_DEPTH))).toBe('ok');
    expect(checkInputShape(undefined)).toBe('ok');
  });

  it('refuses deeper nesting without recursing into it', () => {
    expect(checkInputShape(nest(MAX_INPUT_DEPTH + 1))).toBe('depth');
    expect(checkInputShape(nest(200_000))).toBe('depth');
  });

  it('refuses NUL and unpaired surrogates in values and keys', () => {
    expect(checkInputShape({ a: 'x\u0000y' })).toBe('text');
    expect(checkInputShape({ a: ['ok', '\ud800'] })).toBe('text');
    expect(checkInputShape({ 'k\u0000': 1 })).toBe('text');
    expect(isStorableText('\udc00x')).toBe(false);
    expect(isStorableText('x\ud83d')).toBe(false);
    expect(isStorableText('😀 日本語')).toBe(true);
  });
});
