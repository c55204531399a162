import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP Password Storage Cheat Sheet: scrypt with N=2^17, r=8 (1024-byte blocks), p=1. */
export const OWASP_SCRYPT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

const KEYLEN = 64;

/** scrypt parameters for a cost (log2 N) with OWASP's r and p. */
export function scryptParams(cost: number): ScryptParams {
  return { N: 2 ** cost, r: OWASP_SCRYPT.r, p: OWASP_SCRYPT.p };
}

/** Largest parameters a stored hash may ask for (a corrupt row must not make one login allocate gigabytes). */
const MAX = { N: 2 ** 20, r: 16, p: 4 } as const;

function derive(password: string, salt: Buffer, keylen: number, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes (128 MiB at OWASP's parameters) plus a little; Node refuses above maxmem.
  const opts: ScryptOptions = { ...params, maxmem: 2 * 128 * params.N * params.r * params.p };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** scrypt$N$r$p$salt$hash (base64url). Parameters are stored so they can be raised later. */
export async function hashPassword(password: string, params: ScryptParams = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEYLEN, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const [scheme, n, r, p, salt, hash, extra] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || extra !== undefined) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const ok =
    Number.isInteger(params.N) &&
    params.N >= 2 &&
    params.N <= MAX.N &&
    (params.N & (params.N - 1)) === 0 &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    params.r <= MAX.r &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= MAX.p;
  return ok ? { params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') } : null;
}

/** True when a stored hash was made with weaker parameters than `current` (rehash it after a good login). */
export function needsRehash(stored: string, current: ScryptParams = OWASP_SCRYPT): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const { params } = parsed;
  return params.N < current.N || params.r < current.r || params.p < current.p;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  const key = await derive(password, parsed.salt, parsed.hash.length, parsed.params);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/**
 * A hash to compare against when there is no account (or no password), with the same parameters as real
 * ones, so timing does not reveal which emails exist. Nothing matches it: its "hash" is not scrypt output.
 */
export function dummyHash(params: ScryptParams = OWASP_SCRYPT): string {
  return `scrypt$${params.N}$${params.r}$${params.p}$AAAAAAAAAAAAAAAAAAAAAA$${'A'.repeat(86)}`;
}
