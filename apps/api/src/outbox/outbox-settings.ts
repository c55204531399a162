import type { AppConfig } from '../config/config';

/**
 * Timings of the mail outbox, from the MAIL_* settings in AppConfig. Production uses the defaults; tests and
 * benchmarks shorten them through the environment.
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

/** The outbox timings from the validated configuration (MAIL_* settings, see docs/operations.md). */
export function outboxSettingsFromConfig(config: AppConfig): OutboxSettings {
  return {
    sweepEveryMs: config.MAIL_SWEEP_EVERY_MS,
    retryBaseMs: config.MAIL_RETRY_BASE_MS,
    retryMaxMs: config.MAIL_RETRY_MAX_MS,
    concurrency: config.MAIL_CONCURRENCY,
  };
}

/** Delay before retry number `attempts` (1 = after the first failure): base × 2^(attempts−1), capped. */
export function retryDelayMs(settings: OutboxSettings, attempts: number): number {
  return Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
}
