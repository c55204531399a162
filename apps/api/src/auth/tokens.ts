import { createHash, randomBytes } from 'node:crypto';

/** A random, URL-safe secret (256 bits). Hand it to the user; store only sha256Hex(token). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Prefix of organization API tokens, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'tst_';
