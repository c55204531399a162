import type { Request } from 'express';

export type ApiLocale = 'ja' | 'en';

/** Japanese unless the caller asks for English first (Accept-Language or ?lang=en). */
export function localeOf(req: Pick<Request, 'headers' | 'query'>): ApiLocale {
  const q = req.query?.['lang'];
  if (q === 'en' || q === 'ja') return q;
  const header = req.headers['accept-language'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}
