/**
 * What the planner records on one run, pure: the clock, the policy and the due dates are parameters.
 *
 * The planner runs every few minutes and records the reminders whose send slot falls before the end of the
 * NEXT SEND WINDOW (the rest of today's window while inside it; otherwise the whole of the next business day's
 * window), each with `available_at` = its slot. Recording close to the send time keeps recipients and the
 * subject's state fresh; the unique dedupe key makes every later run (or a second worker) a no-op.
 */
import {
  addCalendarDays,
  businessDayOnOrAfter,
  calendarDaysBetween,
  nextSendSlot,
  tokyoDate,
  tokyoInstant,
  type BusinessCalendarOptions,
  type SendWindow,
} from './calendar/business-calendar';
import {
  DEFAULT_REMINDER_POLICY,
  type EscalationRole,
  type PlannedReminder,
  type ReminderPolicy,
  assertValidReminderPolicy,
  withReminderDefaults,
} from './calendar/reminder-policy';

/** The campaign's stored policy (jsonb, null = defaults) as a complete, validated policy; throws when invalid. */
export function effectivePolicy(stored: unknown): ReminderPolicy {
  if (stored === null || stored === undefined) return DEFAULT_REMINDER_POLICY;
  const policy = withReminderDefaults(stored as Partial<ReminderPolicy>);
  assertValidReminderPolicy(policy);
  return policy;
}

export const calendarOptions = (policy: ReminderPolicy): BusinessCalendarOptions => ({
  skipYearEnd: policy.skipYearEnd,
});

/** End of the send window that contains the next send slot at or after `now` (exclusive). */
export function planningHorizon(now: Date, window: SendWindow, opts: BusinessCalendarOptions): Date {
  const slot = nextSendSlot(now, window, opts);
  return tokyoInstant(tokyoDate(slot), window.endHour);
}

/** The reminders of a plan (made with the same `now`) that the planner records on this run. */
export function dueForRecording<K extends string>(
  plan: readonly PlannedReminder<K>[],
  now: Date,
  policy: ReminderPolicy,
): PlannedReminder<K>[] {
  const horizon = planningHorizon(now, policy.window, calendarOptions(policy));
  return plan.filter((r) => r.sendAt < horizon);
}

/** Everyone the reminder goes to at ladder step `step`: each step adds its role to the earlier ones. */
export function ladderRoles(policy: ReminderPolicy, step: number): EscalationRole[] {
  return policy.escalation.slice(0, step + 1).map((s) => s.role);
}

export const SUPPLIER_ROLES: ReadonlySet<EscalationRole> = new Set(['supplier_contact', 'supplier_admin']);

/** Whole calendar days from the due date to the Tokyo day of `sendAt`; 0 while it has not passed. */
export function daysOverdueOn(dueDate: string, sendAt: Date): number {
  return Math.max(0, calendarDaysBetween(dueDate, tokyoDate(sendAt)));
}

export interface IsoWeek {
  /** e.g. `2026-W48` */
  key: string;
  /** Monday and Sunday of the week (Tokyo days). */
  monday: string;
  sunday: string;
}

/** The ISO 8601 week (Monday to Sunday; week 1 holds the year's first Thursday) of a Tokyo day. */
export function isoWeekOf(date: string): IsoWeek {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const monday = addCalendarDays(date, -weekday);
  const thursday = addCalendarDays(monday, 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(calendarDaysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return { key: `${year}-W${String(week).padStart(2, '0')}`, monday, sunday: addCalendarDays(monday, 6) };
}

export interface DigestSchedule {
  week: IsoWeek;
  /** When this week's digest goes out: the first business day of the week at the window start (or later). */
  sendAt: Date;
  /** The days it covers: the previous ISO week, Monday to Sunday. */
  weekStart: string;
  weekEnd: string;
  /** The covered span as instants: [from, to). */
  from: Date;
  to: Date;
}

/**
 * The weekly digest of the week containing `now` (Tokyo), if the planner should record it now: its slot is the
 * first business day of the week at the window start; it is recorded from the run before that slot's window
 * closes until the week ends (a planner that was down catches up the same week, never the next).
 */
export function digestSchedule(
  now: Date,
  window: SendWindow,
  opts: BusinessCalendarOptions,
): DigestSchedule | null {
  const week = isoWeekOf(tokyoDate(now));
  const first = businessDayOnOrAfter(week.monday, opts);
  if (first > week.sunday) return null; // a week without business days (e.g. a long closure)
  const earliest = nextSendSlot(now, window, opts);
  const slot = tokyoInstant(first, window.startHour);
  const sendAt = slot > earliest ? slot : earliest;
  if (tokyoDate(sendAt) > week.sunday) return null;
  if (sendAt >= planningHorizon(now, window, opts)) return null;
  const weekStart = addCalendarDays(week.monday, -7);
  return {
    week,
    sendAt,
    weekStart,
    weekEnd: addCalendarDays(week.monday, -1),
    from: tokyoInstant(weekStart, 0),
    to: tokyoInstant(week.monday, 0),
  };
}
