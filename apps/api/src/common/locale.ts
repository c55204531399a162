import type { Request } from 'express';

/** The languages of everything a person reads (UI, emails, errors): the one locale type of the app. */
export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** @deprecated the one locale type is {@link Locale}. */
export type ApiLocale = Locale;

/** Japanese unless the caller asks for English first (Accept-Language or ?lang=en). */
export function localeOf(req: Pick<Request, 'headers' | 'query'>): Locale {
  const q = req.query?.['lang'];
  if (q === 'en' || q === 'ja') return q;
  const header = req.headers['accept-language'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}
