import { cssToken, type TokenName } from '../../lib/tokens';

/**
 * The heat map's sequential single-hue blue scale (ColorBrewer "Blues", in styles/tokens.css): light = few
 * suppliers meet the target, dark = most do. Lightness alone carries the value, so it reads the same with any
 * colour-vision deficiency; no red/green.
 */
export const HEAT_TOKENS: readonly TokenName[] = [
  '--heat-0',
  '--heat-1',
  '--heat-2',
  '--heat-3',
  '--heat-4',
  '--heat-5',
  '--heat-6',
  '--heat-7',
  '--heat-8',
];

export interface HeatPalette {
  /** The stops from lightest to darkest, as `#rrggbb`. */
  scale: readonly string[];
  /** Cells without suppliers: neutral grey (not part of the scale). */
  noData: string;
  /** Text colours to pick from on a cell. */
  dark: string;
  light: string;
}

/** The palette as the design tokens define it (read from the page, or from any token source in tests). */
export function heatPalette(read: (name: TokenName) => string = cssToken): HeatPalette {
  return {
    scale: HEAT_TOKENS.map(read),
    noData: read('--heat-no-data'),
    dark: read('--heat-text-dark'),
    light: read('--heat-text-light'),
  };
}

function channel(hex: string, index: number): number {
  return parseInt(hex.slice(1 + index * 2, 3 + index * 2), 16);
}

/** The scale's colour for a share 0..1 (clamped), interpolated between the stops. */
export function heatColor(share: number, scale: readonly string[]): string {
  const value = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  const position = value * (scale.length - 1);
  const low = Math.floor(position);
  const high = Math.min(scale.length - 1, low + 1);
  const weight = position - low;
  const mixed = [0, 1, 2].map((i) =>
    Math.round(channel(scale[low]!, i) * (1 - weight) + channel(scale[high]!, i) * weight),
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

/** Dark or light text, whichever contrasts more with the cell's colour (WCAG AA on every colour). */
export function textOn(share: number, palette: Pick<HeatPalette, 'scale' | 'dark' | 'light'>): string {
  const background = luminance(heatColor(share, palette.scale));
  const onLight = (luminance(palette.light) + 0.05) / (background + 0.05);
  const onDark = (background + 0.05) / (luminance(palette.dark) + 0.05);
  return onLight >= onDark ? palette.light : palette.dark;
}

/** The colours charts draw axes, labels and bands with (ECharts needs real values, not var()). */
export function chartColors(read: (name: TokenName) => string = cssToken) {
  return {
    text: read('--chart-text'),
    muted: read('--chart-muted'),
    selected: read('--chart-selected'),
    cellBorder: read('--chart-cell-border'),
    band: read('--chart-band'),
    bandAlt: read('--chart-band-alt'),
  };
}
