import { readStored, STORAGE_KEYS, writeStored } from '../lib/storage';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ja';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the user picked earlier on this device, if any. */
export function storedLanguage(): Language | null {
  const value = readStored(STORAGE_KEYS.language);
  return isLanguage(value) ? value : null;
}

export function storeLanguage(language: Language): void {
  writeStored(STORAGE_KEYS.language, language);
}
