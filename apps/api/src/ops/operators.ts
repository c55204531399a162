import { createHash, timingSafeEqual } from 'node:crypto';
import { normalizeEmail } from '../users/email';

/** OPERATOR_EMAILS ("a@x.jp, b@y.jp") as a set of normalized emails; empty means nobody. */
export function parseOperatorEmails(list: string): ReadonlySet<string> {
  return new Set(
    list
      .split(',')
      .map(normalizeEmail)
      .filter((e) => e.length > 0),
  );
}

/**
 * The token of an `Authorization: Bearer <token>` header equals `expected`, compared in constant time
 * (both sides are hashed first, so neither the length nor the content leaks through timing).
 */
/** Longest Authorization header looked at; longer ones match no token. */
const MAX_AUTHORIZATION = 1024;

export function bearerMatches(authorization: string | undefined, expected: string): boolean {
  if (!expected) return false;
  // Length first: no pattern runs over an oversized header.
  const header = (authorization ?? '').length <= MAX_AUTHORIZATION ? (authorization ?? '') : '';
  const given = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)?.[1] ?? '';
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}
