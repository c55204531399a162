import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { JOB, type JobPayloads, QUEUE } from '../queues/queues';
import { MailDeliveryService, PermanentMailError } from './mail-delivery.service';

const SWEEP_EVERY_MS = 30_000;

/** Delivers queued emails; a repeatable sweep job (one schedule in Redis, whatever the number of workers) retries the rest. */
@Processor(QUEUE.mail, { concurrency: 8 })
export class OutboxProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly delivery: MailDeliveryService,
    @InjectQueue(QUEUE.mail) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('mail-sweep', { every: SWEEP_EVERY_MS }, { name: JOB.sweepMail });
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JOB.sweepMail) return this.delivery.sweep();
    const { outboxId } = job.data as JobPayloads[typeof JOB.deliverMail];
    try {
      return await this.delivery.deliver(outboxId);
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      if (err instanceof PermanentMailError || (typeof code === 'number' && code >= 500)) {
        throw new UnrecoverableError(String(err));
      }
      throw err;
    }
  }
}
