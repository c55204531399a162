import { dummyHash, hashPassword, needsRehash, OWASP_SCRYPT, scryptParams, verifyPassword } from './password';
import { PasswordHasher } from './password-hasher';
import { newToken, sha256Hex } from './tokens';

// Most cases use a small cost so the unit suite stays fast; the OWASP default is checked once.
const FAST = scryptParams(12);

describe('password hashing', () => {
  it('hashes with OWASP parameters by default (N=2^17, r=8, p=1)', async () => {
    expect(OWASP_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
    expect(needsRehash(hash)).toBe(false);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery', FAST);
    await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterz', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same', FAST)).not.toEqual(await hashPassword('same', FAST));
  });

  it('treats full-width and half-width input alike (NFKC)', async () => {
    const hash = await hashPassword('Passw0rd', FAST);
    await expect(verifyPassword('Ｐａｓｓｗ０ｒｄ', hash)).resolves.toBe(true);
  });

  it('never matches the dummy hash or a malformed one, and refuses absurd stored parameters', async () => {
    await expect(verifyPassword('', dummyHash(FAST))).resolves.toBe(false);
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('x', `scrypt$${2 ** 24}$8$1$AAAA$AAAA`)).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$1000$8$1$AAAA$AAAA')).resolves.toBe(false);
  });

  it('asks for a rehash of hashes made with weaker parameters only', async () => {
    const old = await hashPassword('pw', scryptParams(14));
    expect(old.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, scryptParams(14))).toBe(false);
    expect(needsRehash(old, scryptParams(12))).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });
});

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher({ PASSWORD_HASH_COST: 12 });

  it('uses the configured cost and reports when a good hash should be upgraded', async () => {
    const hash = await hasher.hash('a-long-password');
    expect(hash.startsWith(`scrypt$${2 ** 12}$8$1$`)).toBe(true);
    await expect(hasher.verify('a-long-password', hash)).resolves.toEqual({ ok: true, rehash: false });
    const weaker = await hashPassword('a-long-password', scryptParams(10));
    await expect(hasher.verify('a-long-password', weaker)).resolves.toEqual({ ok: true, rehash: true });
    await expect(hasher.verify('wrong', weaker)).resolves.toEqual({ ok: false, rehash: false });
  });

  it('answers false without an account or password', async () => {
    await expect(hasher.verify('anything', null)).resolves.toEqual({ ok: false, rehash: false });
  });
});

describe('tokens', () => {
  it('are long, random and hashed to 64 hex characters', () => {
    const a = newToken();
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(a).not.toEqual(newToken());
    expect(sha256Hex(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
