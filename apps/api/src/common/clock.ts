import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { tokyoDate } from '../reminders/calendar/business-calendar';

/**
 * The one source of "now" and "today" for the API and the workers. Code asks the clock instead of
 * `new Date()` / `Date.now()` (lint forbids both outside this file), and SQL that decides by time takes
 * `clock.now()` as a parameter instead of calling `now()`, so tests (and a process whose clock is moved with
 * faketime) see one consistent time. Only under NODE_ENV=test can the clock be set.
 */
@Injectable()
export class Clock {
  private fixed: Date | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'NODE_ENV'>) {}

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Today's calendar date in Tokyo (`YYYY-MM-DD`), the day every due date and overdue count refers to. */
  today(): string {
    return tokyoDate(this.now());
  }

  /** Test only: pins the time (null returns to the real time). */
  set(instant: Date | null): void {
    if (this.config.NODE_ENV !== 'test') throw new Error('the clock can only be set in tests');
    this.fixed = instant ? new Date(instant) : null;
  }
}
