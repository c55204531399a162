import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QUEUE } from '../queues/queues';
import { MailDeliveryService } from './mail-delivery.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OUTBOX_SETTINGS, outboxSettingsFromConfig } from './outbox-settings';
import { OutboxProcessor } from './outbox.processor';
import { OutboxService } from './outbox.service';

/** The mail outbox: record in PostgreSQL, deliver through BullMQ workers. Timings: see outbox-settings.ts. */
@Module({})
export class OutboxModule {
  static forRoot(opts: { runsWorkers: boolean }): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      imports: [BullModule.registerQueue({ name: QUEUE.mail })],
      providers: [
        {
          provide: OUTBOX_SETTINGS,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => outboxSettingsFromConfig(config),
        },
        OutboxService,
        MailDeliveryService,
        ...(opts.runsWorkers ? [OutboxProcessor] : []),
      ],
      exports: [OutboxService, MailDeliveryService, OUTBOX_SETTINGS],
    };
  }
}
