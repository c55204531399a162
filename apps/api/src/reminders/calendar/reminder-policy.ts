/**
 * Reminder policy and the planned reminder instants for one due date. Pure: the clock is a parameter.
 *
 * Each target day (N calendar days before/after the due date) is shifted FORWARD to the next send slot on a
 * Tokyo business day; two reminders never share a Tokyo date (the more urgent one is kept).
 */
import {
  addCalendarDays,
  businessDayOnOrAfter,
  nextSendSlot,
  tokyoDate,
  tokyoInstant,
  type BusinessCalendarOptions,
  type SendWindow,
} from './business-calendar';

export const ESCALATION_ROLES = [
  'supplier_contact',
  'supplier_admin',
  'buyer_owner',
  'buyer_procurement_lead',
] as const;
export type EscalationRole = (typeof ESCALATION_ROLES)[number];

export interface EscalationStep {
  role: EscalationRole;
  /** Calendar days overdue from which this step applies (first step: 0). */
  escalateAfterDays: number;
}

export interface ReminderPolicy {
  /** Calendar days before the due date (0 = on the due date). */
  beforeDue: readonly number[];
  /** Interval in calendar days between overdue reminders (first one this many days after the due date). */
  afterDueEveryDays: number;
  /** Maximum number of overdue reminders (0 = none). */
  maxAfterDue: number;
  /** Tokyo wall-clock send window, start inclusive, end exclusive. */
  window: SendWindow;
  /** Skip the year-end/new-year closure 12/29–1/3. */
  skipYearEnd: boolean;
  /** Who is reminded, by days overdue; strictly increasing `escalateAfterDays`, starting at 0. */
  escalation: readonly EscalationStep[];
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = Object.freeze({
  beforeDue: Object.freeze([7, 1]),
  afterDueEveryDays: 3,
  maxAfterDue: 10,
  window: Object.freeze({ startHour: 9, endHour: 18 }),
  skipYearEnd: true,
  escalation: Object.freeze(
    (
      [
        ['supplier_contact', 0],
        ['supplier_admin', 3],
        ['buyer_owner', 7],
        ['buyer_procurement_lead', 14],
      ] as const
    ).map(([role, escalateAfterDays]) => Object.freeze({ role, escalateAfterDays })),
  ),
});

/** The defaults with the given fields replaced (nested `window` merged field by field). */
export function withReminderDefaults(overrides: Partial<ReminderPolicy> = {}): ReminderPolicy {
  return {
    ...DEFAULT_REMINDER_POLICY,
    ...overrides,
    window: { ...DEFAULT_REMINDER_POLICY.window, ...overrides.window },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------------

/** Upper bounds that keep a plan finite and sensible. */
export const REMINDER_POLICY_LIMITS = Object.freeze({ maxDays: 365, maxAfterDue: 100 });

export type ReminderPolicyErrorCode =
  | 'BEFORE_DUE_INVALID'
  | 'BEFORE_DUE_DUPLICATE'
  | 'AFTER_DUE_EVERY_DAYS_INVALID'
  | 'MAX_AFTER_DUE_INVALID'
  | 'WINDOW_HOUR_INVALID'
  | 'WINDOW_EMPTY'
  | 'SKIP_YEAR_END_INVALID'
  | 'ESCALATION_EMPTY'
  | 'ESCALATION_ROLE_UNKNOWN'
  | 'ESCALATION_ROLE_DUPLICATE'
  | 'ESCALATION_DAYS_INVALID'
  | 'ESCALATION_FIRST_NOT_ZERO'
  | 'ESCALATION_UNSORTED';

export interface ReminderPolicyError {
  code: ReminderPolicyErrorCode;
  /** Path of the offending field, e.g. `window.startHour` or `escalation[2].escalateAfterDays`. */
  field: string;
  ja: string;
  en: string;
}

const isDayCount = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Every problem with the policy, in field order; empty when valid. */
export function validateReminderPolicy(policy: ReminderPolicy): ReminderPolicyError[] {
  const errors: ReminderPolicyError[] = [];
  const add = (code: ReminderPolicyErrorCode, field: string, ja: string, en: string) =>
    errors.push({ code, field, ja, en });
  const { maxDays, maxAfterDue } = REMINDER_POLICY_LIMITS;

  if (!Array.isArray(policy.beforeDue)) {
    add(
      'BEFORE_DUE_INVALID',
      'beforeDue',
      '期限前リマインドは日数の配列で指定してください。',
      'beforeDue must be an array of day counts.',
    );
  } else {
    const seen = new Set<number>();
    policy.beforeDue.forEach((d: unknown, i) => {
      const field = `beforeDue[${i}]`;
      if (!isDayCount(d, 0, maxDays)) {
        add(
          'BEFORE_DUE_INVALID',
          field,
          `期限前リマインドの日数は0〜${maxDays}の整数で指定してください（値: ${String(d)}）。`,
          `beforeDue days must be whole numbers from 0 to ${maxDays} (got ${String(d)}).`,
        );
      } else if (seen.has(d)) {
        add(
          'BEFORE_DUE_DUPLICATE',
          field,
          `期限前リマインドの日数 ${d} が重複しています。`,
          `beforeDue lists ${d} days more than once.`,
        );
      } else {
        seen.add(d);
      }
    });
  }

  if (!isDayCount(policy.afterDueEveryDays, 1, maxDays)) {
    add(
      'AFTER_DUE_EVERY_DAYS_INVALID',
      'afterDueEveryDays',
      `期限超過後のリマインド間隔は1〜${maxDays}日の整数で指定してください。`,
      `afterDueEveryDays must be a whole number of days from 1 to ${maxDays}.`,
    );
  }
  if (!isDayCount(policy.maxAfterDue, 0, maxAfterDue)) {
    add(
      'MAX_AFTER_DUE_INVALID',
      'maxAfterDue',
      `期限超過後のリマインド回数は0〜${maxAfterDue}の整数で指定してください。`,
      `maxAfterDue must be a whole number from 0 to ${maxAfterDue}.`,
    );
  }

  const window = (policy.window ?? {}) as Partial<SendWindow>;
  const { startHour, endHour } = window;
  if (!isDayCount(startHour, 0, 24)) {
    add(
      'WINDOW_HOUR_INVALID',
      'window.startHour',
      '送信時間帯の開始時刻は0〜24の整数（時）で指定してください。',
      'window.startHour must be a whole hour from 0 to 24.',
    );
  }
  if (!isDayCount(endHour, 0, 24)) {
    add(
      'WINDOW_HOUR_INVALID',
      'window.endHour',
      '送信時間帯の終了時刻は0〜24の整数（時）で指定してください。',
      'window.endHour must be a whole hour from 0 to 24.',
    );
  }
  if (isDayCount(startHour, 0, 24) && isDayCount(endHour, 0, 24) && startHour >= endHour) {
    add(
      'WINDOW_EMPTY',
      'window',
      `送信時間帯の開始（${startHour}時）は終了（${endHour}時）より前にしてください。`,
      `window.startHour (${startHour}) must be before window.endHour (${endHour}).`,
    );
  }

  if (typeof policy.skipYearEnd !== 'boolean') {
    add(
      'SKIP_YEAR_END_INVALID',
      'skipYearEnd',
      '年末年始の扱い（skipYearEnd）は true または false で指定してください。',
      'skipYearEnd must be true or false.',
    );
  }

  if (!Array.isArray(policy.escalation) || policy.escalation.length === 0) {
    add(
      'ESCALATION_EMPTY',
      'escalation',
      'エスカレーションには少なくとも1段階を指定してください。',
      'escalation needs at least one step.',
    );
  } else {
    const roles = new Set<string>();
    let previous: number | undefined;
    policy.escalation.forEach((step, i) => {
      const role: unknown = step?.role;
      const days: unknown = step?.escalateAfterDays;
      if (!(ESCALATION_ROLES as readonly unknown[]).includes(role)) {
        add(
          'ESCALATION_ROLE_UNKNOWN',
          `escalation[${i}].role`,
          `エスカレーション先「${String(role)}」は不明です（${ESCALATION_ROLES.join(', ')} のいずれか）。`,
          `Unknown escalation role "${String(role)}" (expected one of ${ESCALATION_ROLES.join(', ')}).`,
        );
      } else if (roles.has(role as string)) {
        add(
          'ESCALATION_ROLE_DUPLICATE',
          `escalation[${i}].role`,
          `エスカレーション先「${String(role)}」が重複しています。`,
          `Escalation role "${String(role)}" appears more than once.`,
        );
      } else {
        roles.add(role as string);
      }
      const field = `escalation[${i}].escalateAfterDays`;
      if (!isDayCount(days, 0, maxDays)) {
        add(
          'ESCALATION_DAYS_INVALID',
          field,
          `エスカレーションの日数は0〜${maxDays}の整数で指定してください（値: ${String(days)}）。`,
          `escalateAfterDays must be a whole number from 0 to ${maxDays} (got ${String(days)}).`,
        );
        return;
      }
      if (i === 0 && days !== 0) {
        add(
          'ESCALATION_FIRST_NOT_ZERO',
          field,
          'エスカレーションの最初の段階は0日（期限前から）にしてください。',
          'The first escalation step must start at 0 days (it also receives the before-due reminders).',
        );
      }
      if (previous !== undefined && days <= previous) {
        add(
          'ESCALATION_UNSORTED',
          field,
          `エスカレーションの日数は昇順（重複なし）で指定してください（${previous} の次に ${days}）。`,
          `escalateAfterDays must be strictly increasing (${days} follows ${previous}).`,
        );
      }
      previous = days;
    });
  }
  return errors;
}

export class InvalidReminderPolicyError extends RangeError {
  constructor(readonly errors: readonly ReminderPolicyError[]) {
    super(`Invalid reminder policy: ${errors.map((e) => `${e.field}: ${e.en}`).join(' ')}`);
    this.name = 'InvalidReminderPolicyError';
  }
}

export function assertValidReminderPolicy(policy: ReminderPolicy): void {
  const errors = validateReminderPolicy(policy);
  if (errors.length > 0) throw new InvalidReminderPolicyError(errors);
}

/** Index of the last ladder step whose `escalateAfterDays` ≤ `daysOverdue` (0 when not overdue). */
export function escalationStepFor(daysOverdue: number, escalation: readonly EscalationStep[]): number {
  let step = 0;
  escalation.forEach((s, i) => {
    if (s.escalateAfterDays <= daysOverdue) step = i;
  });
  return step;
}

// ---------------------------------------------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------------------------------------------

export interface PlannedReminder<K extends string> {
  /** Stable dedupe key per due date, e.g. `before:7`, `after:3`; independent of `now` and of merging. */
  key: string;
  kind: K;
  /** Signed calendar days from the due date of the target day (−7 = seven days before, 3 = three days after). */
  dayOffset: number;
  /** Absolute instant: the window start of the first Tokyo business day on/after the target day. */
  sendAt: Date;
  /** Index into `policy.escalation`: 0 before the due date, then by days overdue (`dayOffset`). */
  escalationStep: number;
}

export type QuestionnaireReminder = PlannedReminder<'before_due' | 'after_due'>;
export type RemediationReminder = PlannedReminder<'due_soon' | 'overdue'>;

export interface ReminderPlanInput {
  /** Tokyo calendar day, `YYYY-MM-DD`. */
  dueDate: string;
  policy: ReminderPolicy;
  /**
   * When given, the plan starts at `now`: reminders whose Tokyo send date is before the next send slot's date are
   * dropped (their day has passed); one due today at an hour already passed goes at the next slot (still today).
   */
  now?: Date;
}

interface PlanNames<K extends string> {
  before: { kind: K; keyPrefix: string };
  after: { kind: K; keyPrefix: string };
}

function planReminders<K extends string>(
  input: ReminderPlanInput,
  names: PlanNames<K>,
): PlannedReminder<K>[] {
  const { dueDate, policy, now } = input;
  assertValidReminderPolicy(policy);
  const opts: BusinessCalendarOptions = { skipYearEnd: policy.skipYearEnd };

  const targets: { kind: K; key: string; dayOffset: number }[] = [
    ...[...policy.beforeDue].map((d) => ({
      kind: names.before.kind,
      key: `${names.before.keyPrefix}:${d}`,
      dayOffset: -d,
    })),
    ...Array.from({ length: policy.maxAfterDue }, (_, i) => (i + 1) * policy.afterDueEveryDays).map((d) => ({
      kind: names.after.kind,
      key: `${names.after.keyPrefix}:${d}`,
      dayOffset: d,
    })),
  ].sort((a, b) => a.dayOffset - b.dayOffset);

  const earliest = now ? nextSendSlot(now, policy.window, opts) : undefined;
  const earliestDate = earliest ? tokyoDate(earliest) : undefined;

  // Targets are in ascending day order and the forward shift is monotonic, so equal send dates are adjacent;
  // the later target (larger dayOffset) is the more urgent one and replaces the earlier.
  const plan: PlannedReminder<K>[] = [];
  let lastDate: string | undefined;
  for (const t of targets) {
    const sendDate = businessDayOnOrAfter(addCalendarDays(dueDate, t.dayOffset), opts);
    if (earliestDate !== undefined && sendDate < earliestDate) continue;
    let sendAt = tokyoInstant(sendDate, policy.window.startHour);
    if (earliest && sendDate === earliestDate && sendAt < earliest) sendAt = earliest;
    const reminder: PlannedReminder<K> = {
      key: t.key,
      kind: t.kind,
      dayOffset: t.dayOffset,
      sendAt,
      escalationStep: escalationStepFor(Math.max(0, t.dayOffset), policy.escalation),
    };
    if (sendDate === lastDate) plan[plan.length - 1] = reminder;
    else plan.push(reminder);
    lastDate = sendDate;
  }
  return plan;
}

/** Planned reminders for a supplier questionnaire: `before_due` per `policy.beforeDue`, then `after_due`. */
export function questionnaireReminders(input: ReminderPlanInput): QuestionnaireReminder[] {
  return planReminders(input, {
    before: { kind: 'before_due', keyPrefix: 'before' },
    after: { kind: 'after_due', keyPrefix: 'after' },
  });
}

/**
 * Planned reminders for a remediation (corrective action) due date: `due_soon` on the `policy.beforeDue` days
 * (7 and 1 by default), then `overdue` every `afterDueEveryDays` up to `maxAfterDue` times.
 */
export function remediationReminders(input: ReminderPlanInput): RemediationReminder[] {
  return planReminders(input, {
    before: { kind: 'due_soon', keyPrefix: 'due_soon' },
    after: { kind: 'overdue', keyPrefix: 'overdue' },
  });
}
