import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { QUEUE } from '../queues/queues';
import { ReminderPlannerService } from './reminder-planner.service';
import { RemindersController } from './reminders.controller';
import { RemindersProcessor } from './reminders.processor';
import { RemindersService } from './reminders.service';

/** Reminders, escalation and the weekly digest: a planner on a BullMQ schedule records them in the mail outbox. */
@Module({})
export class RemindersModule {
  static forRoot(opts: { runsWorkers: boolean }): DynamicModule {
    return {
      module: RemindersModule,
      imports: [BullModule.registerQueue({ name: QUEUE.reminders })],
      controllers: [RemindersController],
      providers: [
        ReminderPlannerService,
        RemindersService,
        ...(opts.runsWorkers ? [RemindersProcessor] : []),
      ],
      exports: [ReminderPlannerService],
    };
  }
}
