/**
 * Timings of the mail outbox. Production uses the defaults below; tests and benchmarks shorten them through
 * the environment. This is the one place the outbox reads `process.env` (on purpose not part of AppConfig:
 * these are tuning knobs, not deployment settings, and operators never need to set them):
 *
 *   MAIL_SWEEP_EVERY_MS  how often the sweep job runs, and how long a due email must have waited before the
 *                        sweeper (rather than its own queued job) delivers it              (default 30 000)
 *   MAIL_RETRY_BASE_MS   delay before the first retry after a temporary SMTP failure, doubled per attempt
 *                                                                                       (default 30 000)
 *   MAIL_RETRY_MAX_MS    longest retry delay                                          (default 3 600 000)
 *   MAIL_CONCURRENCY     emails in flight per worker process                                (default 10)
 */
export interface OutboxSettings {
  sweepEveryMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  concurrency: number;
}

export const OUTBOX_SETTINGS = Symbol('OUTBOX_SETTINGS');

export const DEFAULT_OUTBOX_SETTINGS: Readonly<OutboxSettings> = Object.freeze({
  sweepEveryMs: 30_000,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  // Each email in flight holds one pooled PostgreSQL connection (of 20) while it is handed to SMTP (5 pooled
  // connections); 10 keeps the SMTP pool busy and leaves the database pool room for everything else.
  concurrency: 10,
});

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`${name} must be an integer from 1 to ${max}`);
  return n;
}

export function outboxSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): OutboxSettings {
  const d = DEFAULT_OUTBOX_SETTINGS;
  return {
    sweepEveryMs: positiveInt(env, 'MAIL_SWEEP_EVERY_MS', d.sweepEveryMs, 24 * 3_600_000),
    retryBaseMs: positiveInt(env, 'MAIL_RETRY_BASE_MS', d.retryBaseMs, 24 * 3_600_000),
    retryMaxMs: positiveInt(env, 'MAIL_RETRY_MAX_MS', d.retryMaxMs, 7 * 24 * 3_600_000),
    // At most 15 so a worker never holds every pooled database connection.
    concurrency: positiveInt(env, 'MAIL_CONCURRENCY', d.concurrency, 15),
  };
}

/** Delay before retry number `attempts` (1 = after the first failure): base × 2^(attempts−1), capped. */
export function retryDelayMs(settings: OutboxSettings, attempts: number): number {
  return Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
}
