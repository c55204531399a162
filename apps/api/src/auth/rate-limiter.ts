import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { Clock } from '../common/clock';
import { type LocalizedMessage, ProblemException } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { REDIS } from '../redis/redis.module';
import { sha256Hex } from './tokens';

/**
 * Fixed-window counters, checked and charged in one Lua script (atomic in Redis, shared by every API instance):
 * either every counter is below its limit and all are charged, or none is charged and the caller waits. Each
 * counter is a hash {c: count, r: window end (ms)}; "now" is the injectable Clock's, passed in, so the windows
 * follow the clock the rest of the app uses (Redis expiry only cleans up).
 * KEYS: the counters. ARGV: now, then max and window (ms) per key. Returns 0 (charged) or the wait in ms.
 */
const CONSUME = `
local now = tonumber(ARGV[1])
local wait = 0
local state = {}
for i, key in ipairs(KEYS) do
  local max = tonumber(ARGV[2 * i])
  local win = tonumber(ARGV[2 * i + 1])
  local c = tonumber(redis.call('HGET', key, 'c') or '0')
  local r = tonumber(redis.call('HGET', key, 'r') or '0')
  if r <= now then c = 0; r = now + win end
  state[i] = { c, r, win }
  if c >= max then wait = math.max(wait, r - now) end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 'c', state[i][1] + 1, 'r', state[i][2])
  redis.call('PEXPIRE', key, state[i][2] - now + state[i][3])
end
return 0
`;

/** Gives back one unit of each counter (a request that turned out legitimate). */
const REFUND = `
for _, key in ipairs(KEYS) do
  local c = tonumber(redis.call('HGET', key, 'c') or '0')
  if c > 0 then redis.call('HSET', key, 'c', c - 1) end
end
return 0
`;

/**
 * Login attempts, decided and charged in one atomic step BEFORE the password is hashed, so parallel guesses
 * cannot slip past the limit:
 * - per client address (all accounts): a fixed window (credential stuffing from one address);
 * - per account and address: free attempts, then exponential back-off (base · 2^k, capped) — a stranger at
 *   another address never touches this counter;
 * - per account (all addresses): a fixed window that applies only to addresses that never signed in to this
 *   account successfully — the owner's known addresses (kept 30 days) are never locked out by strangers.
 * Every attempt is charged as if it failed; a correct password then clears the back-off and refunds the
 * windows (see LOGIN_SUCCESS).
 * KEYS: ip window, account window, account+ip back-off, account's known addresses (zset address → until).
 * ARGV: now, address (hashed), ipMax, accountMax, window ms, free attempts, back-off base ms, back-off cap ms.
 */
const LOGIN_ATTEMPT = `
local now = tonumber(ARGV[1])
local ip = ARGV[2]
local ipMax, acctMax, win = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local free, base, cap = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local function window(key)
  local c = tonumber(redis.call('HGET', key, 'c') or '0')
  local r = tonumber(redis.call('HGET', key, 'r') or '0')
  if r <= now then c = 0; r = now + win end
  return c, r
end
local wait = 0
local ipC, ipR = window(KEYS[1])
if ipC >= ipMax then wait = math.max(wait, ipR - now) end
local f = tonumber(redis.call('HGET', KEYS[3], 'f') or '0')
local n = tonumber(redis.call('HGET', KEYS[3], 'n') or '0')
if n > now then wait = math.max(wait, n - now) end
local known = tonumber(redis.call('ZSCORE', KEYS[4], ip) or '0') > now
local acC, acR = window(KEYS[2])
if not known and acC >= acctMax then wait = math.max(wait, acR - now) end
if wait > 0 then return wait end
redis.call('HSET', KEYS[1], 'c', ipC + 1, 'r', ipR)
redis.call('PEXPIRE', KEYS[1], ipR - now + win)
redis.call('HSET', KEYS[2], 'c', acC + 1, 'r', acR)
redis.call('PEXPIRE', KEYS[2], acR - now + win)
f = f + 1
if f >= free then n = now + math.min(cap, base * 2 ^ math.min(f - free, 30)) end
redis.call('HSET', KEYS[3], 'f', f, 'n', n)
redis.call('PEXPIRE', KEYS[3], 24 * 3600 * 1000 + cap)
return 0
`;

/**
 * A correct password: the account+address back-off is cleared, the two windows get this attempt back, and the
 * address becomes a known one for the account until ARGV[3] (at most 20 addresses are kept, newest first).
 * KEYS as LOGIN_ATTEMPT. ARGV: now, address (hashed), known until (ms).
 */
const LOGIN_SUCCESS = `
local now = tonumber(ARGV[1])
for i = 1, 2 do
  local c = tonumber(redis.call('HGET', KEYS[i], 'c') or '0')
  if c > 0 then redis.call('HSET', KEYS[i], 'c', c - 1) end
end
redis.call('DEL', KEYS[3])
redis.call('ZADD', KEYS[4], tonumber(ARGV[3]), ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -21)
redis.call('PEXPIRE', KEYS[4], tonumber(ARGV[3]) - now)
return 0
`;

type Scripted = Redis & {
  tsConsume(...args: (string | number)[]): Promise<number>;
  tsRefund(...args: (string | number)[]): Promise<number>;
  tsLoginAttempt(...args: (string | number)[]): Promise<number>;
  tsLoginSuccess(...args: (string | number)[]): Promise<number>;
};

/** One fixed-window limit: at most `max` requests per `windowMs` for each key. */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

const KNOWN_ADDRESS_MS = 30 * 24 * 3600_000;

export const rateLimited = (
  waitMs: number,
  code = 'RATE_LIMITED',
  message: LocalizedMessage = {
    ja: '操作が続いたため、しばらく受け付けを止めています。少し待ってから、もう一度お試しください。',
    en: 'Too many attempts. Please wait a little and try again.',
  },
) =>
  new ProblemException(429, code, message, undefined, {
    'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))),
  });

const loginRateLimited = (waitMs: number) =>
  rateLimited(waitMs, 'AUTH_RATE_LIMITED', {
    ja: 'ログインの失敗が続いたため、しばらく時間をおいてからお試しください。',
    en: 'Too many failed logins. Please wait a while and try again.',
  });

/** Keys never carry an email or address in clear (Redis is not where those belong). */
const k = (...parts: string[]) => `rl:${parts[0]}:${sha256Hex(parts.slice(1).join('\n')).slice(0, 32)}`;

/**
 * Rate limits in Redis for the routes that hash passwords or look up secrets (sign-up, invitation acceptance,
 * link redemption, email verification, login, password change). Limits are charged before the expensive work
 * and, where a legitimate success should not count, refunded afterwards.
 */
@Injectable()
export class RateLimiter {
  private readonly redis: Scripted;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    const scripted = redis as Scripted;
    // defineCommand is idempotent per name; ioredis applies the key prefix to KEYS.
    if (!('tsConsume' in scripted)) {
      redis.defineCommand('tsConsume', { lua: CONSUME });
      redis.defineCommand('tsRefund', { lua: REFUND });
      redis.defineCommand('tsLoginAttempt', { lua: LOGIN_ATTEMPT, numberOfKeys: 4 });
      redis.defineCommand('tsLoginSuccess', { lua: LOGIN_SUCCESS, numberOfKeys: 4 });
    }
    this.redis = scripted;
  }

  /** The Redis key of a named limit for one subject (an address, an email, a token's hash). */
  key(name: string, subject: string): string {
    return k(name, subject);
  }

  /** Charges one unit of every limit, or none and throws 429 with Retry-After when any is used up. */
  async consume(limits: { key: string; limit: WindowLimit }[]): Promise<void> {
    if (limits.length === 0) return;
    const args: (string | number)[] = [
      limits.length,
      ...limits.map((l) => l.key),
      this.clock.now().getTime(),
    ];
    for (const { limit } of limits) args.push(limit.max, limit.windowMs);
    const wait = await this.redis.tsConsume(...args);
    if (wait > 0) throw rateLimited(wait);
  }

  async refund(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.redis.tsRefund(keys.length, ...keys);
  }

  private loginKeys(email: string, ip: string): string[] {
    return [
      k('login-ip', ip),
      k('login-acct', email),
      k('login-acct-ip', email, ip),
      k('login-known', email),
    ];
  }

  /**
   * Decides whether this password attempt may be checked, charging it before the hash (see LOGIN_ATTEMPT).
   * Throws 429 AUTH_RATE_LIMITED with Retry-After otherwise.
   */
  async loginAttempt(email: string, ip: string): Promise<void> {
    const free = this.config.LOGIN_MAX_ATTEMPTS;
    const windowMs = this.config.LOGIN_WINDOW_SECONDS * 1000;
    const wait = await this.redis.tsLoginAttempt(
      ...this.loginKeys(email, ip),
      this.clock.now().getTime(),
      sha256Hex(ip),
      free * 5,
      free * 10,
      windowMs,
      free,
      1000,
      windowMs,
    );
    if (wait > 0) throw loginRateLimited(wait);
  }

  /** The password was right: clears the back-off and remembers the address as a known one for the account. */
  async loginSucceeded(email: string, ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    await this.redis.tsLoginSuccess(...this.loginKeys(email, ip), now, sha256Hex(ip), now + KNOWN_ADDRESS_MS);
  }
}
