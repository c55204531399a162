import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ProblemException } from '../common/problem';
import { REDIS } from '../redis/redis.module';

/**
 * Fixed-window counter of failed logins in Redis, shared by every API instance. Keyed by email and by
 * client address, so neither one account nor one address can be brute-forced.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, ip: string): string[] {
    return [`login-fail:email:${email}`, `login-fail:ip:${ip}`];
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [byEmail, byIp] = await this.redis.mget(...this.keys(email, ip));
    const max = this.config.LOGIN_MAX_ATTEMPTS;
    if (Number(byEmail ?? 0) >= max || Number(byIp ?? 0) >= max * 5) {
      const ttl = await this.redis.ttl(this.keys(email, ip)[0]!);
      throw new ProblemException(
        429,
        'AUTH_RATE_LIMITED',
        {
          ja: 'ログインの失敗が続いたため、しばらく時間をおいてからお試しください。',
          en: 'Too many failed logins. Please wait a while and try again.',
        },
        undefined,
        { 'Retry-After': String(ttl > 0 ? ttl : this.config.LOGIN_WINDOW_SECONDS) },
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of this.keys(email, ip)) {
      multi.incr(key);
      multi.expire(key, this.config.LOGIN_WINDOW_SECONDS, 'NX');
    }
    await multi.exec();
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.keys(email, '')[0]!);
  }
}
