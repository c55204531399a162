/**
 * A sequential single-hue blue scale (ColorBrewer "Blues"): light = few suppliers meet the target, dark = most
 * do. Lightness alone carries the value, so it reads the same with any colour-vision deficiency; no red/green.
 */
export const BLUES = [
  '#f7fbff',
  '#deebf7',
  '#c6dbef',
  '#9ecae1',
  '#6baed6',
  '#4292c6',
  '#2171b5',
  '#08519c',
  '#08306b',
] as const;

/** Cells without suppliers: neutral grey (not part of the scale). */
export const NO_DATA = '#eceef2';

function channel(hex: string, index: number): number {
  return parseInt(hex.slice(1 + index * 2, 3 + index * 2), 16);
}

/** The scale's colour for a share 0..1 (clamped), interpolated between the stops. */
export function heatColor(share: number): string {
  const value = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  const position = value * (BLUES.length - 1);
  const low = Math.floor(position);
  const high = Math.min(BLUES.length - 1, low + 1);
  const weight = position - low;
  const mixed = [0, 1, 2].map((i) =>
    Math.round(channel(BLUES[low]!, i) * (1 - weight) + channel(BLUES[high]!, i) * weight),
  );
  return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function luminance(hex: string): number {
  const [r, g, b] = [0, 1, 2].map((i) => {
    const c = channel(hex, i) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const DARK_TEXT = '#000000';
const LIGHT_TEXT = '#ffffff';

/** Dark or white text, whichever contrasts more with `heatColor(share)` (WCAG AA on every colour). */
export function textOn(share: number): string {
  const background = luminance(heatColor(share));
  const onDark = (1 + 0.05) / (background + 0.05);
  const onLight = (background + 0.05) / (luminance(DARK_TEXT) + 0.05);
  return onDark >= onLight ? LIGHT_TEXT : DARK_TEXT;
}
