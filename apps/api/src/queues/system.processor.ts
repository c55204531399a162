import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type Redis from 'ioredis';
import { Clock } from '../common/clock';
import { REDIS } from '../redis/redis.module';
import { JOB, type JobPayloads, QUEUE } from './queues';

/** Worker for the system queue. A heartbeat records when a worker last processed a job (seen in /health ops). */
@Processor(QUEUE.system)
export class SystemProcessor extends WorkerHost {
  private readonly logger = new Logger(SystemProcessor.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<JobPayloads[typeof JOB.heartbeat]>): Promise<{ processedAt: string }> {
    if (job.name !== JOB.heartbeat) throw new Error(`unknown job ${job.name}`);
    const processedAt = this.clock.now().toISOString();
    await this.redis.set('worker:last-heartbeat', processedAt, 'EX', 3600);
    this.logger.debug(`heartbeat requested at ${job.data.requestedAt}`);
    return { processedAt };
  }
}
