import { Clock } from '../../apps/api/src/common/clock';
import { addCalendarDays } from '../../apps/api/src/reminders/calendar/business-calendar';
import type { TestApp } from './test-app';

/**
 * The test clock: the app's own Clock, the only "now" a test may derive dates from (lint forbids the process
 * clock in tests). Dates a test sets up are relative to it, so they stay in the future whatever the calendar
 * says, and tests that pin it (`clock.set`) see exactly that time everywhere in the app.
 */
export const testClock = (t: TestApp): Clock => t.app.get(Clock);

/** `YYYY-MM-DD` (Tokyo) `days` after the test clock's today. */
export const daysFromToday = (t: TestApp, days: number): string =>
  addCalendarDays(testClock(t).today(), days);
