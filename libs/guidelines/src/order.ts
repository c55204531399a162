/**
 * Official ordering of item ids.
 *
 * Every id scheme the built-in catalogues use is a sequence of numbers with some decoration: METI "4-1-3-2",
 * JAMA "No.120", IPA "25", OSCAL ids such as "6-1". Ids are compared first by their leading non-digit prefix
 * (none first: "7" before "jama-6"), then by their numeric segments, left to right, as numbers ("4-1-10-1" after
 * "4-1-9-3", "No.100" after "No.99"); ties fall back to a plain string comparison so the order is total.
 */
export function numericSegments(id: string): number[] {
  return (id.match(/\d+/g) ?? []).map((s) => Number.parseInt(s, 10));
}

function prefixOf(id: string): string {
  return (/^\D*/.exec(id)?.[0] ?? '').toLowerCase();
}

export function compareOfficialIds(a: string, b: string): number {
  const pa = prefixOf(a);
  const pb = prefixOf(b);
  if (pa !== pb) {
    if (!pa || !pb) return pa ? 1 : -1;
    return pa < pb ? -1 : 1;
  }
  const sa = numericSegments(a);
  const sb = numericSegments(b);
  const n = Math.min(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const d = sa[i] - sb[i];
    if (d !== 0) return d;
  }
  if (sa.length !== sb.length) return sa.length - sb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns a new array sorted into official order by `key`. */
export function sortOfficial<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareOfficialIds(key(x), key(y)));
}
