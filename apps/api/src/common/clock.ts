import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';

/**
 * The time, for everything that schedules (reminders, due dates, escalation). Code asks the clock instead of
 * `new Date()`, so tests can move time. Only under NODE_ENV=test can the clock be set.
 */
@Injectable()
export class Clock {
  private fixed: Date | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Test only: pins the time (null returns to the real time). */
  set(instant: Date | null): void {
    if (this.config.NODE_ENV !== 'test') throw new Error('the clock can only be set in tests');
    this.fixed = instant ? new Date(instant) : null;
  }
}
