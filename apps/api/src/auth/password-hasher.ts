import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import {
  dummyHash,
  hashPassword,
  needsRehash,
  type ScryptParams,
  scryptParams,
  verifyPassword,
} from './password';

/**
 * Password hashing with the configured cost (PASSWORD_HASH_COST, OWASP's N=2^17 by default). Callers run their
 * cheap checks and rate limits first: every call here costs ~128 MiB and a few hundred milliseconds of CPU.
 */
@Injectable()
export class PasswordHasher {
  readonly params: ScryptParams;
  private readonly dummy: string;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'PASSWORD_HASH_COST'>) {
    this.params = scryptParams(config.PASSWORD_HASH_COST);
    this.dummy = dummyHash(this.params);
  }

  hash(password: string): Promise<string> {
    return hashPassword(password, this.params);
  }

  /**
   * Checks a password against a stored hash; with no hash (no account, no password yet) it spends the same
   * time and answers false. `rehash` is true when the hash matched but uses weaker parameters than today's.
   */
  async verify(
    password: string,
    stored: string | null | undefined,
  ): Promise<{ ok: boolean; rehash: boolean }> {
    const ok = await verifyPassword(password, stored ?? this.dummy);
    return { ok: ok && !!stored, rehash: ok && !!stored && needsRehash(stored, this.params) };
  }
}
