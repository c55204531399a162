/** The name of a design token: a CSS custom property declared in styles/tokens.css. */
export type TokenName = `--${string}`;

/**
 * A design token's value as the page resolved it (charts need real colours: ECharts draws them itself and
 * interpolates between them). Empty when there is no document (tests without a DOM).
 */
export function cssToken(name: TokenName): string {
  const root = globalThis.document?.documentElement;
  if (!root) return '';
  return getComputedStyle(root).getPropertyValue(name).trim();
}

/** The `--name: value;` declarations of a stylesheet's text (tests read styles/tokens.css with it). */
export function parseTokens(css: string): Record<TokenName, string> {
  const tokens: Record<TokenName, string> = {};
  for (const match of css.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
    tokens[match[1] as TokenName] = (match[2] ?? '').trim();
  }
  return tokens;
}
