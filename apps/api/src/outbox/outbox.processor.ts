import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { JOB, type JobPayloads, QUEUE } from '../queues/queues';
import { DEFAULT_OUTBOX_SETTINGS, OUTBOX_SETTINGS, type OutboxSettings } from './outbox-settings';
import { MailDeliveryService } from './mail-delivery.service';

const SWEEP_SCHEDULER_ID = 'mail-sweep';

/**
 * Delivers queued emails (one job per outbox row, jobId = outbox id; retries are delayed jobs `<id>-r<n>`).
 * Failures are recorded on the row by MailDeliveryService, so a job only fails (and is retried by BullMQ) when
 * the database is unreachable. A repeatable sweep job — one schedule in Redis however many workers run, no
 * in-process timers — delivers whatever the queue lost.
 */
@Processor(QUEUE.mail, { concurrency: DEFAULT_OUTBOX_SETTINGS.concurrency })
export class OutboxProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxProcessor.name);
  /** Monotonic time (performance.now) of the last schedule upsert: an interval, not a time of day. */
  private scheduledAt = 0;

  constructor(
    private readonly delivery: MailDeliveryService,
    @InjectQueue(QUEUE.mail) private readonly queue: Queue,
    @Inject(OUTBOX_SETTINGS) private readonly settings: OutboxSettings,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.settings.concurrency;
    await this.scheduleSweep();
  }

  private async scheduleSweep(): Promise<void> {
    this.scheduledAt = performance.now();
    await this.queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: this.settings.sweepEveryMs },
      { name: JOB.sweepMail, opts: { attempts: 1 } },
    );
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JOB.sweepMail) return this.delivery.sweep(job.timestamp);
    // A Redis restarted without persistence forgets the sweep schedule; delivery jobs coming in again put it
    // back (upserting the same schedule is idempotent), at most once per sweep interval.
    if (performance.now() - this.scheduledAt > this.settings.sweepEveryMs) {
      this.scheduleSweep().catch((err: unknown) => this.logger.warn(`sweep schedule: ${String(err)}`));
    }
    const { outboxId } = job.data as JobPayloads[typeof JOB.deliverMail];
    return this.delivery.deliver(outboxId);
  }
}
