import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QUEUE } from '../queues/queues';

/**
 * Every BullMQ queue the app declares (QUEUE), as registered by @nestjs/bullmq in whichever module owns it,
 * so the connection and the Redis key prefix are the app's own. A declared queue that no module registers
 * is left out with a warning (it cannot hold jobs of this app anyway).
 */
@Injectable()
export class AppQueues {
  private readonly logger = new Logger(AppQueues.name);
  private queues?: Queue[];

  constructor(private readonly moduleRef: ModuleRef) {}

  all(): Queue[] {
    this.queues ??= Object.values(QUEUE).flatMap((name) => {
      try {
        return [this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })];
      } catch {
        this.logger.warn(`queue "${name}" is declared in QUEUE but no module registers it`);
        return [];
      }
    });
    return this.queues;
  }
}
