import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { JOB, QUEUE } from '../queues/queues';
import { type PlannerResult, ReminderPlannerService } from './reminder-planner.service';

/** How often the planner runs. Reminders are recorded up to the end of the next send window, so this only bounds latency. */
export const PLAN_EVERY_MS = 5 * 60_000;
export const PLANNER_SCHEDULER_ID = 'reminder-planner';

/**
 * Runs the reminder planner. The schedule is one job scheduler in Redis, whatever the number of workers; a run
 * that overlaps another (or is retried) records nothing twice because every email has a unique dedupe key.
 */
@Processor(QUEUE.reminders, { concurrency: 1 })
export class RemindersProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly planner: ReminderPlannerService,
    @InjectQueue(QUEUE.reminders) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      PLANNER_SCHEDULER_ID,
      { every: PLAN_EVERY_MS },
      { name: JOB.planReminders },
    );
  }

  async process(job: Job): Promise<PlannerResult> {
    if (job.name !== JOB.planReminders) throw new Error(`unknown job ${job.name}`);
    return this.planner.run();
  }
}
