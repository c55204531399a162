import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { newToken, sha256Hex } from './tokens';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterz', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toEqual(await hashPassword('same'));
  });

  it('treats full-width and half-width input alike (NFKC)', async () => {
    const hash = await hashPassword('Passw0rd');
    await expect(verifyPassword('Ｐａｓｓｗ０ｒｄ', hash)).resolves.toBe(true);
  });

  it('never matches the dummy hash or a malformed one', async () => {
    await expect(verifyPassword('', DUMMY_HASH)).resolves.toBe(false);
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
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
