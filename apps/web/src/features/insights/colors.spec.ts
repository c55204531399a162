/// <reference types="node" />
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTokens } from '../../lib/tokens';
import { heatColor as heatColorOn, heatPalette, textOn as textOnPalette } from './colors';

// The palette exactly as styles/tokens.css declares it.
const tokens = parseTokens(readFileSync(join(__dirname, '../../styles/tokens.css'), 'utf8'));
const palette = heatPalette((name) => tokens[name] ?? '');
const BLUES = palette.scale;
const heatColor = (share: number) => heatColorOn(share, BLUES);
const textOn = (share: number) => textOnPalette(share, palette);

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('heat map colours', () => {
  it('reads nine stops of #rrggbb from the tokens', () => {
    expect(BLUES).toHaveLength(9);
    for (const stop of [...BLUES, palette.dark, palette.light]) expect(stop).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('runs from the lightest to the darkest stop and clamps', () => {
    expect(heatColor(0)).toBe(BLUES[0]);
    expect(heatColor(1)).toBe(BLUES[BLUES.length - 1]);
    expect(heatColor(-3)).toBe(BLUES[0]);
    expect(heatColor(7)).toBe(BLUES[BLUES.length - 1]);
    expect(heatColor(Number.NaN)).toBe(BLUES[0]);
  });

  it('gets darker as the share grows (lightness carries the value)', () => {
    const steps = Array.from({ length: 21 }, (_, i) => luminance(heatColor(i / 20)));
    for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeLessThan(steps[i - 1]!);
  });

  it('keeps the cell number readable on every colour', () => {
    for (let i = 0; i <= 100; i++) {
      const share = i / 100;
      expect(contrast(heatColor(share), textOn(share))).toBeGreaterThanOrEqual(4.5);
    }
  });
});
