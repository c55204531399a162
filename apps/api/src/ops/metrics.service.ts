import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OUTBOX_STATUSES } from '../outbox/mail-outbox.entity';
import { AppQueues } from './app-queues';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

const SOURCE_TIMEOUT_MS = 2000;

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

interface Gauges {
  queueJobs: Gauge<'queue' | 'state'>;
  outboxRows: Gauge<'status'>;
  outboxOldestPending: Gauge;
  outboxOldestDue: Gauge;
  sourceUp: Gauge<'source'>;
}

/**
 * Prometheus metrics on a registry of this app instance (never prom-client's global one, so several apps in
 * one process do not collide). Queue and outbox figures are read from Redis and PostgreSQL at scrape time;
 * they describe the whole deployment, so every API instance reports the same values.
 */
@Injectable()
export class MetricsService {
  private state?: { registry: Registry; gauges: Gauges };

  constructor(
    private readonly queues: AppQueues,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.config.METRICS_TOKEN !== '';
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    const { registry, gauges } = this.init();
    const [queuesUp, databaseUp] = await Promise.all([this.readQueues(gauges), this.readOutbox(gauges)]);
    gauges.sourceUp.set({ source: 'redis' }, queuesUp ? 1 : 0);
    gauges.sourceUp.set({ source: 'database' }, databaseUp ? 1 : 0);
    return { contentType: registry.contentType, body: await registry.metrics() };
  }

  /** Built on the first scrape, so processes that are never scraped keep no collectors. */
  private init(): { registry: Registry; gauges: Gauges } {
    if (this.state) return this.state;
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const registers = [registry];
    const gauges: Gauges = {
      queueJobs: new Gauge({
        name: 'tierstar_queue_jobs',
        help: 'Jobs in each BullMQ queue, by state',
        labelNames: ['queue', 'state'],
        registers,
      }),
      outboxRows: new Gauge({
        name: 'tierstar_mail_outbox_rows',
        help: 'Rows of the mail outbox, by status',
        labelNames: ['status'],
        registers,
      }),
      outboxOldestPending: new Gauge({
        name: 'tierstar_mail_outbox_oldest_pending_age_seconds',
        help: 'Age of the oldest pending outbox row since it was recorded (0 when none is pending)',
        registers,
      }),
      outboxOldestDue: new Gauge({
        name: 'tierstar_mail_outbox_oldest_due_age_seconds',
        help: 'How long the oldest pending row that is due (available_at passed) has waited (0 when none)',
        registers,
      }),
      sourceUp: new Gauge({
        name: 'tierstar_metrics_source_up',
        help: 'Whether this scrape could read the source (1) or not (0; its figures are then left out)',
        labelNames: ['source'],
        registers,
      }),
    };
    this.state = { registry, gauges };
    return this.state;
  }

  private async readQueues(g: Gauges): Promise<boolean> {
    g.queueJobs.reset();
    try {
      const perQueue = await within(
        SOURCE_TIMEOUT_MS,
        Promise.all(
          this.queues
            .all()
            .map(async (q) => ({ name: q.name, counts: await q.getJobCounts(...QUEUE_STATES) })),
        ),
      );
      for (const { name, counts } of perQueue) {
        for (const state of QUEUE_STATES) g.queueJobs.set({ queue: name, state }, counts[state] ?? 0);
      }
      return true;
    } catch {
      return false;
    }
  }

  private async readOutbox(g: Gauges): Promise<boolean> {
    g.outboxRows.reset();
    g.outboxOldestPending.reset();
    g.outboxOldestDue.reset();
    try {
      const [byStatus, [ages]] = await within(
        SOURCE_TIMEOUT_MS,
        Promise.all([
          this.db.query<{ status: string; n: number }[]>(
            `SELECT status::text AS status, count(*)::int AS n FROM mail_outbox GROUP BY status`,
          ),
          this.db.query<{ oldest: number | null; oldest_due: number | null }[]>(
            `SELECT EXTRACT(EPOCH FROM $1::timestamptz - min(created_at))::float8 AS oldest,
                    EXTRACT(EPOCH FROM $1::timestamptz - min(available_at)
                                  FILTER (WHERE available_at <= $1::timestamptz))::float8 AS oldest_due
               FROM mail_outbox WHERE status = 'pending'`,
            [this.clock.now()],
          ),
        ]),
      );
      for (const status of OUTBOX_STATUSES) g.outboxRows.set({ status }, 0);
      for (const row of byStatus) g.outboxRows.set({ status: row.status }, row.n);
      g.outboxOldestPending.set(Math.max(0, ages?.oldest ?? 0));
      g.outboxOldestDue.set(Math.max(0, ages?.oldest_due ?? 0));
      return true;
    } catch {
      return false;
    }
  }
}
