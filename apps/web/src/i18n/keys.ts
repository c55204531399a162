/** Dotted paths of every leaf in a nested message catalogue, e.g. `auth.email`. */
export function leafEntries(messages: unknown, prefix = ''): Array<[key: string, value: unknown]> {
  if (typeof messages !== 'object' || messages === null || Array.isArray(messages)) {
    return [[prefix, messages]];
  }
  return Object.entries(messages).flatMap(([key, value]) =>
    leafEntries(value, prefix ? `${prefix}.${key}` : key),
  );
}

/** Names used in `{{name}}` placeholders, sorted. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}
