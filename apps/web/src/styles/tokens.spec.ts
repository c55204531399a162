/// <reference types="node" />
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseTokens } from '../lib/tokens';

const SRC = join(__dirname, '..');
/** The one file allowed to write colours; the generated API types are not styling; this check's own samples. */
const ALLOWED = new Set(['styles/tokens.css', 'api/schema.d.ts', 'styles/tokens.spec.ts']);

const HEX = /(?<![&\w])#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})(?![\w-])/gi;
const COLOR_FUNCTION = /\b(?:rgba?|hsla?)\(/gi;

/** Literal colours (hex, rgb(), hsl()) in a file's text, with their line numbers. */
function literalColours(text: string): { line: number; match: string }[] {
  return text.split('\n').flatMap((line, index) =>
    [...line.matchAll(HEX), ...line.matchAll(COLOR_FUNCTION)].map((m) => ({
      line: index + 1,
      match: m[0],
    })),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(?:css|ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

describe('design tokens', () => {
  it('finds literal colours of every kind (and leaves look-alikes alone)', () => {
    const hash = '#';
    const sample = [
      `a { color: ${hash}fff; }`,
      `b { border: 1px solid ${hash}1D2330cc; }`,
      'c { background: rgba(0, 0, 0, 0.5); }',
      'd { color: hsl(210 50% 40%); }',
      "const html = '&#39;'; const link = '#main'; const id = 'heatmap-cell-2-A.1';",
    ].join('\n');
    expect(literalColours(sample)).toEqual([
      { line: 1, match: `${hash}fff` },
      { line: 2, match: `${hash}1D2330cc` },
      { line: 3, match: 'rgba(' },
      { line: 4, match: 'hsl(' },
    ]);
  });

  it('has no literal colour in any stylesheet or component outside styles/tokens.css', () => {
    const found = sources(SRC)
      .map((path) => relative(SRC, path).split('\\').join('/'))
      .filter((path) => !ALLOWED.has(path))
      .flatMap((path) =>
        literalColours(readFileSync(join(SRC, path), 'utf8')).map(
          ({ line, match }) => `${path}:${line} ${match}`,
        ),
      );
    expect(found).toEqual([]);
  });

  it('defines every token the stylesheets use', () => {
    const defined = parseTokens(readFileSync(join(SRC, 'styles/tokens.css'), 'utf8'));
    const used = new Set(
      sources(SRC)
        .filter((path) => path.endsWith('.css') || path.endsWith('.tsx') || path.endsWith('.ts'))
        .flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/var\((--[\w-]+)\)|'(--[\w-]+)'/g)])
        .map((m) => m[1] ?? m[2] ?? ''),
    );
    expect([...used].filter((name) => !(name in defined)).sort()).toEqual([]);
  });
});
