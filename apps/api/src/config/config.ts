import { plainToInstance, Transform } from 'class-transformer';
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
  validateSync,
} from 'class-validator';

export const ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof ROLES)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

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

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL = '';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// connection URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix for every Redis key this deployment owns (queues, rate limits). */
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'must be 1–40 characters of a-z, 0-9, _ or -' })
  REDIS_PREFIX = 'tierstar';

  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';

  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE = false;

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
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
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

/** Reads and validates the environment. Throws ConfigError listing one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const raw: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const problems = errors.map((e) => {
      const constraint = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
      const shown = raw[e.property] === undefined ? 'missing' : `got "${raw[e.property]}"`;
      return `${e.property}: ${constraint.replace(`${e.property} `, '')} (${shown})`;
    });
    throw new ConfigError(problems);
  }
  return Object.freeze(config);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
