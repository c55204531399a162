import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { DEFAULT_JOB_OPTIONS, QUEUE } from './queues';
import { SystemProcessor } from './system.processor';

/**
 * BullMQ on Redis. Every process can enqueue; only processes with ROLE=worker or ROLE=all run processors,
 * so API instances and workers scale independently.
 */
@Module({})
export class QueuesModule {
  static forRoot(config: AppConfig): DynamicModule {
    const runsWorkers = config.ROLE !== 'api';
    return {
      module: QueuesModule,
      global: true,
      imports: [
        BullModule.forRoot({
          connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
          prefix: `${config.REDIS_PREFIX}:bull`,
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        }),
        BullModule.registerQueue({ name: QUEUE.system }),
      ],
      providers: runsWorkers ? [SystemProcessor] : [],
      exports: [BullModule],
    };
  }
}
