import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'node:net';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  Validate,
  validateSync,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

export const ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof ROLES)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/** A URL that parses and has one of the given schemes. Never echoes the value (it may hold a password). */
function IsServiceUrl(protocols: readonly string[], message: string) {
  @ValidatorConstraint({ name: `serviceUrl:${protocols.join('|')}` })
  class ServiceUrl implements ValidatorConstraintInterface {
    validate(value: unknown): boolean {
      if (typeof value !== 'string' || /\s/.test(value)) return false;
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol) && url.hostname.length > 0;
      } catch {
        return false;
      }
    }
    defaultMessage(): string {
      return message;
    }
  }
  return Validate(ServiceUrl);
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One entry of TRUST_PROXY's address list: a name Express knows, an IP address or a CIDR range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Express's `trust proxy` setting: `false` (the peer is the client), a hop count (1–10), or a
 * list of proxy addresses (names such as `loopback`, IPs, CIDR ranges). `true` (trust every hop, so any client
 * could choose its own address) is refused.
 */
export function parseTrustProxy(value: string): false | number | string[] | null {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === 'off' || v === '0') return false;
  if (/^\d{1,2}$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 10 ? hops : null;
  }
  const entries = v.split(',').map((e) => e.trim());
  return entries.length > 0 && entries.every(isProxyAddress) ? entries : null;
}

@ValidatorConstraint({ name: 'trustProxy' })
class TrustProxyConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseTrustProxy(value) !== null;
  }
  defaultMessage(): string {
    return 'must be off, a hop count from 1 to 10, or a comma-separated list of proxy addresses (loopback, linklocal, uniquelocal, IPs, CIDR ranges)';
  }
}

/** Every environment variable the API reads, with its default. Validated once at boot. */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @IsIn(ROLES)
  ROLE: ProcessRole = 'all';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsServiceUrl(['postgres:', 'postgresql:'], 'must be a postgres:// connection URL')
  DATABASE_URL = '';

  @IsServiceUrl(['redis:', 'rediss:'], 'must be a redis:// connection URL')
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix for every Redis key this deployment owns (queues, rate limits). */
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'must be 1–40 characters of a-z, 0-9, _ or -' })
  REDIS_PREFIX = 'tierstar';

  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';

  /** Marks cookies Secure (HTTPS only). Defaults to true when NODE_ENV=production, false otherwise. */
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE = false;

  /**
   * Which proxies in front of the API may tell it the client's address (X-Forwarded-For), used for per-address
   * rate limits and logs: `off`, a hop count, or proxy addresses. Default: proxies on the same machine.
   */
  @Validate(TrustProxyConstraint)
  TRUST_PROXY = 'loopback';

  /**
   * log2 of scrypt's cost N for new password hashes (r=8, p=1). 17 is OWASP's current minimum; below 17 is only
   * accepted with NODE_ENV=test (fast test suites).
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(20)
  PASSWORD_HASH_COST = 17;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_TTL_HOURS = 24 * 7;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_ATTEMPTS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86400)
  LOGIN_WINDOW_SECONDS = 900;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Outgoing mail server, e.g. smtp://127.0.0.1:1025 (the quick start's local inbox) or smtps://user:pass@host:465. */
  @IsServiceUrl(['smtp:', 'smtps:'], 'must be an smtp:// or smtps:// URL')
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** Sender of every email, e.g. "TierStar <no-reply@example.jp>". */
  @IsString()
  MAIL_FROM = 'TierStar <no-reply@tierstar.local>';

  /** Folder where uploaded evidence files are stored (local-disk storage). */
  @IsString()
  EVIDENCE_DIR = '.data/evidence';

  /** Largest evidence file accepted, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

  /** Days after a campaign's due date that a supplier's invitation link keeps working. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  INVITATION_GRACE_DAYS = 14;

  /** How often the mail sweeper runs, and how long a due email waits before the sweeper delivers it (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 3_600_000)
  MAIL_SWEEP_EVERY_MS = 30_000;

  /** Delay before the first retry after a temporary SMTP failure, doubled per attempt (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 3_600_000)
  MAIL_RETRY_BASE_MS = 30_000;

  /** Longest delay between retries (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 3_600_000)
  MAIL_RETRY_MAX_MS = 3_600_000;

  /**
   * Emails in flight per worker process. Each holds one pooled database connection (of 20) while it is handed to
   * SMTP, so at most 15.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(15)
  MAIL_CONCURRENCY = 10;

  /** Emails of platform operators who may open the queue dashboard (comma-separated; empty: nobody). */
  @IsString()
  OPERATOR_EMAILS = '';

  /** Bearer token for GET /api/metrics (Prometheus); empty disables the endpoint. */
  @IsString()
  METRICS_TOKEN = '';

  /** Folder of the built web app the API serves; empty disables static serving. */
  @IsOptional()
  @IsString()
  WEB_DIST = 'apps/web/dist';
}

export type AppConfig = Readonly<EnvironmentVariables>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment. Throws ConfigError listing one line per problem; a line names the
 * variable and what is wrong with it, never its value (URLs carry passwords, tokens are secrets).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const raw: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.map((e) => {
    const constraint = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
    const shown = raw[e.property] === undefined ? 'missing' : 'the value given is not shown';
    return `${e.property}: ${constraint.replace(`${e.property} `, '')} (${shown})`;
  });
  if (!errors.some((e) => e.property === 'PASSWORD_HASH_COST' || e.property === 'NODE_ENV')) {
    if (config.PASSWORD_HASH_COST < 17 && config.NODE_ENV !== 'test') {
      problems.push('PASSWORD_HASH_COST: must be at least 17 (OWASP) outside NODE_ENV=test');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // Secure cookies unless told otherwise in production (HTTPS is expected there).
  if (raw.COOKIE_SECURE === undefined) config.COOKIE_SECURE = config.NODE_ENV === 'production';
  return Object.freeze(config);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
