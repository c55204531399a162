/** localStorage that never throws (private browsing, storage disabled, or no window in tests). */
export function readStored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // Not being able to remember a preference is not worth bothering the user about.
  }
}

export const STORAGE_KEYS = {
  language: 'tierstar.language',
  organization: 'tierstar.organization',
} as const;
