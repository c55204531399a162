/**
 * Shared pieces of the HTTP/database benchmarks: command-line options, a throw-away migrated database on the
 * local PostgreSQL, and latency statistics. Benchmarks print figures; they never assert on time.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { withDatabase } from '../../scripts/db-url';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** Creates and migrates `tierstar_bench_<random>`; `drop()` removes it. */
export async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tierstar_bench_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(ADMIN_URL, name);
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  return {
    url,
    async drop() {
      const c = new Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, i)]!;
}

export interface RunStats {
  ops: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Runs `clients` concurrent loops of `opsPerClient` operations and reports throughput and latency.
 * Without `ratePerSecond` every client fires its next operation as soon as the previous one answers
 * (saturation: the most the system can do). With it, the clients together offer that many operations per
 * second, each on its own schedule (like people autosaving as they type), and latency is measured at that load.
 */
export async function runConcurrent(
  clients: number,
  opsPerClient: number,
  op: (client: number, i: number) => Promise<void>,
  ratePerSecond?: number,
): Promise<RunStats> {
  const latencies: number[] = [];
  const started = performance.now();
  const interval = ratePerSecond ? (clients * 1000) / ratePerSecond : 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      // Spread the clients' schedules evenly over one interval.
      const offset = (interval * c) / clients;
      for (let i = 0; i < opsPerClient; i++) {
        if (interval) {
          const due = started + offset + i * interval;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        const t0 = performance.now();
        await op(c, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);
