import { localToday } from './clock';
/** Pairs of texts in both UI languages, as the API sends them. */
export type Localized = { ja: string; en: string };

/**
 * The text in the UI language (ja unless the UI is in English), from a `{ ja, en }` object. Takes any object
 * because some DTOs describe the pair only as "object" in the OpenAPI document.
 */
export function localized(text: object | undefined, language: string | undefined): string {
  const pair = (text ?? {}) as Partial<Record<keyof Localized, unknown>>;
  const ja = typeof pair.ja === 'string' ? pair.ja : '';
  const en = typeof pair.en === 'string' ? pair.en : '';
  return language?.startsWith('en') ? en || ja : ja || en;
}

/** `2027-01-31` as a date in the UI language; the day never shifts with the time zone. */
export function formatDate(isoDate: string, language: string | undefined): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(language?.startsWith('en') ? 'en-GB' : 'ja-JP', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

/** The day of an instant (ISO timestamp) on this device, in the UI language. */
export function formatDay(timestamp: string, language: string | undefined): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return formatDate(localToday(date), language);
}

export { localToday };

/** `YYYY-MM-DD`, `days` after `isoDate`. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `today` until `isoDate` (negative when past). */
export function daysUntil(isoDate: string, today = localToday()): number {
  const ms = Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** Splits "a, b、c" into tags (ASCII or Japanese commas), dropping blanks and repeats. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,、，]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}
