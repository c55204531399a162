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
  // One declaration per line (prettier keeps tokens.css so); split, not a global pattern, to stay linear.
  for (const line of css.split('\n')) {
    const decl = line.trim();
    const colon = decl.indexOf(':');
    if (!decl.startsWith('--') || colon < 0 || !decl.endsWith(';')) continue;
    tokens[decl.slice(0, colon).trim() as TokenName] = decl.slice(colon + 1, -1).trim();
  }
  return tokens;
}
