import fc from 'fast-check';
import { addCalendarDays, isBusinessDay, tokyoDate, tokyoInstant } from './business-calendar';
import {
  DEFAULT_REMINDER_POLICY,
  ESCALATION_ROLES,
  InvalidReminderPolicyError,
  escalationStepFor,
  questionnaireReminders,
  remediationReminders,
  validateReminderPolicy,
  withReminderDefaults,
  type EscalationStep,
  type QuestionnaireReminder,
  type ReminderPolicy,
} from './reminder-policy';

/** An instant given as Tokyo wall-clock time, written out in full so the tests do not rely on the code under test. */
const jst = (isoLocal: string) => new Date(`${isoLocal}+09:00`);
const at9 = (day: string) => jst(`${day}T09:00:00`);
const brief = (plan: readonly QuestionnaireReminder[]) =>
  plan.map((r) => [r.key, r.sendAt.toISOString(), r.escalationStep]);
const codes = (policy: ReminderPolicy) => validateReminderPolicy(policy).map((e) => [e.code, e.field]);

describe('DEFAULT_REMINDER_POLICY', () => {
  it('is valid, frozen and has the documented ladder', () => {
    expect(validateReminderPolicy(DEFAULT_REMINDER_POLICY)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_REMINDER_POLICY)).toBe(true);
    expect(DEFAULT_REMINDER_POLICY.escalation.map((s) => s.role)).toEqual([...ESCALATION_ROLES]);
    expect(DEFAULT_REMINDER_POLICY.escalation.map((s) => s.escalateAfterDays)).toEqual([0, 3, 7, 14]);
  });
});

describe('questionnaireReminders', () => {
  it('moves a 7-days-before that falls on a Saturday to Monday 09:00 JST, and a Sunday to Monday', () => {
    // Due Saturday 2026-06-13: 7 days before is Saturday 06-06.
    const plan = questionnaireReminders({ dueDate: '2026-06-13', policy: DEFAULT_REMINDER_POLICY });
    expect(plan[0]).toEqual({
      key: 'before:7',
      kind: 'before_due',
      dayOffset: -7,
      sendAt: jst('2026-06-08T09:00:00'),
      escalationStep: 0,
    });
    expect(plan[0]?.sendAt.toISOString()).toBe('2026-06-08T00:00:00.000Z');
    expect(brief(plan)).toEqual([
      ['before:7', at9('2026-06-08').toISOString(), 0],
      ['before:1', at9('2026-06-12').toISOString(), 0],
      ['after:3', at9('2026-06-16').toISOString(), 1],
      ['after:6', at9('2026-06-19').toISOString(), 1],
      ['after:9', at9('2026-06-22').toISOString(), 2],
      ['after:12', at9('2026-06-25').toISOString(), 2],
      ['after:15', at9('2026-06-29').toISOString(), 3], // Sunday 06-28 → Monday
      ['after:18', at9('2026-07-01').toISOString(), 3],
      ['after:21', at9('2026-07-06').toISOString(), 3], // Saturday 07-04 → Monday
      ['after:24', at9('2026-07-07').toISOString(), 3],
      ['after:27', at9('2026-07-10').toISOString(), 3],
      ['after:30', at9('2026-07-13').toISOString(), 3],
    ]);
    expect(plan.filter((r) => r.kind === 'after_due')).toHaveLength(DEFAULT_REMINDER_POLICY.maxAfterDue);
  });

  it('skips Golden Week 2027 (4/29, 5/3–5/5)', () => {
    const due0506 = questionnaireReminders({ dueDate: '2027-05-06', policy: DEFAULT_REMINDER_POLICY });
    expect(brief(due0506).slice(0, 2)).toEqual([
      ['before:7', at9('2027-04-30').toISOString(), 0], // 昭和の日 4/29 → Friday 4/30
      ['before:1', at9('2027-05-06').toISOString(), 0], // こどもの日 5/5 → Thursday 5/6
    ]);
    const due0510 = questionnaireReminders({ dueDate: '2027-05-10', policy: DEFAULT_REMINDER_POLICY });
    expect(brief(due0510).slice(0, 2)).toEqual([
      ['before:7', at9('2027-05-06').toISOString(), 0], // 憲法記念日 5/3 → 5/6
      ['before:1', at9('2027-05-10').toISOString(), 0], // Sunday 5/9 → Monday 5/10
    ]);
  });

  it('never sends two reminders on one date: keeps the more urgent (Golden Week 2027 merge)', () => {
    // Due Sunday 2027-05-02: before:1 (Sat 5/1) and after:3 (Wed 5/5) both land on Thursday 5/6.
    const plan = questionnaireReminders({ dueDate: '2027-05-02', policy: DEFAULT_REMINDER_POLICY });
    expect(brief(plan).slice(0, 3)).toEqual([
      ['before:7', at9('2027-04-26').toISOString(), 0],
      ['after:3', at9('2027-05-06').toISOString(), 1],
      ['after:6', at9('2027-05-10').toISOString(), 1],
    ]);
    expect(plan.map((r) => r.key)).not.toContain('before:1');
  });

  it('skips 勤労感謝の日 2026-11-23 (a Monday)', () => {
    const plan = questionnaireReminders({ dueDate: '2026-11-24', policy: DEFAULT_REMINDER_POLICY });
    expect(brief(plan).slice(0, 2)).toEqual([
      ['before:7', at9('2026-11-17').toISOString(), 0],
      ['before:1', at9('2026-11-24').toISOString(), 0],
    ]);
  });

  it('skips a substitute holiday (春分の日 振替休日 2027-03-22)', () => {
    const plan = questionnaireReminders({ dueDate: '2027-03-19', policy: DEFAULT_REMINDER_POLICY });
    expect(plan.find((r) => r.key === 'after:3')?.sendAt).toEqual(at9('2027-03-23'));
  });

  it('skips the year-end closure when the policy says so, and not otherwise', () => {
    const on = questionnaireReminders({ dueDate: '2026-12-25', policy: DEFAULT_REMINDER_POLICY });
    expect(brief(on).slice(0, 5)).toEqual([
      ['before:7', at9('2026-12-18').toISOString(), 0],
      ['before:1', at9('2026-12-24').toISOString(), 0],
      ['after:3', at9('2026-12-28').toISOString(), 1],
      // after:6 (12/31) and after:9 (1/3) both move to Monday 1/4; the more urgent after:9 stays.
      ['after:9', at9('2027-01-04').toISOString(), 2],
      ['after:12', at9('2027-01-06').toISOString(), 2],
    ]);
    const off = questionnaireReminders({
      dueDate: '2026-12-25',
      policy: withReminderDefaults({ skipYearEnd: false }),
    });
    expect(brief(off).slice(2, 6)).toEqual([
      ['after:3', at9('2026-12-28').toISOString(), 1],
      ['after:6', at9('2026-12-31').toISOString(), 1],
      ['after:9', at9('2027-01-04').toISOString(), 2], // 1/3 is a Sunday either way
      ['after:12', at9('2027-01-06').toISOString(), 2],
    ]);
  });

  it('uses the policy window start as the send time', () => {
    const plan = questionnaireReminders({
      dueDate: '2026-06-13',
      policy: withReminderDefaults({ window: { startHour: 10, endHour: 17 } }),
    });
    expect(plan[0]?.sendAt).toEqual(jst('2026-06-08T10:00:00'));
  });

  it('with now, drops reminders whose day has passed and sends today’s at the next slot', () => {
    const full = questionnaireReminders({ dueDate: '2026-06-13', policy: DEFAULT_REMINDER_POLICY });
    const later = questionnaireReminders({
      dueDate: '2026-06-13',
      policy: DEFAULT_REMINDER_POLICY,
      now: jst('2026-06-10T10:00:00'),
    });
    expect(later).toEqual(full.slice(1)); // same keys and instants, before:7 gone

    const sameDay = questionnaireReminders({
      dueDate: '2026-06-13',
      policy: DEFAULT_REMINDER_POLICY,
      now: jst('2026-06-12T10:30:00'),
    });
    expect(sameDay[0]).toMatchObject({ key: 'before:1', sendAt: jst('2026-06-12T10:30:00') });

    const evening = questionnaireReminders({
      dueDate: '2026-06-13',
      policy: DEFAULT_REMINDER_POLICY,
      now: jst('2026-06-12T18:00:00'),
    });
    expect(evening[0]?.key).toBe('after:3');
  });

  it('keys are unique and stable (the same for every now)', () => {
    const plan = questionnaireReminders({ dueDate: '2026-06-13', policy: DEFAULT_REMINDER_POLICY });
    const keys = plan.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      questionnaireReminders({ dueDate: '2026-06-13', policy: DEFAULT_REMINDER_POLICY }).map((r) => r.key),
    );
    for (const now of [jst('2026-06-01T00:00:00'), jst('2026-06-20T12:00:00'), jst('2026-07-10T20:00:00')]) {
      const sub = questionnaireReminders({ dueDate: '2026-06-13', policy: DEFAULT_REMINDER_POLICY, now });
      for (const r of sub) expect(plan.find((p) => p.key === r.key)?.dayOffset).toBe(r.dayOffset);
    }
  });

  it('refuses an invalid policy or due date', () => {
    expect(() =>
      questionnaireReminders({
        dueDate: '2026-06-13',
        policy: withReminderDefaults({ afterDueEveryDays: 0 }),
      }),
    ).toThrow(InvalidReminderPolicyError);
    expect(() => questionnaireReminders({ dueDate: '2026-13-01', policy: DEFAULT_REMINDER_POLICY })).toThrow(
      RangeError,
    );
  });

  it('every sendAt is on a business day inside the window, strictly increasing, one per date (property)', () => {
    const dayCount = Math.round((Date.UTC(2049, 10, 30) - Date.UTC(2020, 0, 1)) / 86_400_000);
    const arbPolicy = fc.record({
      beforeDue: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 5 }),
      afterDueEveryDays: fc.integer({ min: 1, max: 10 }),
      maxAfterDue: fc.integer({ min: 0, max: 12 }),
      window: fc.integer({ min: 0, max: 23 }).chain((startHour) =>
        fc.record({
          startHour: fc.constant(startHour),
          endHour: fc.integer({ min: startHour + 1, max: 24 }),
        }),
      ),
      skipYearEnd: fc.boolean(),
      escalation: fc.constant(DEFAULT_REMINDER_POLICY.escalation),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: dayCount }),
        arbPolicy,
        fc.option(fc.integer({ min: -40 * 24, max: 40 * 24 }), { nil: undefined }),
        (dayIndex, policy, nowHoursFromDue) => {
          const dueDate = addCalendarDays('2020-01-01', dayIndex);
          const now =
            nowHoursFromDue === undefined
              ? undefined
              : new Date(tokyoInstant(dueDate, 0).getTime() + nowHoursFromDue * 3_600_000);
          const opts = { skipYearEnd: policy.skipYearEnd };
          for (const plan of [
            questionnaireReminders({ dueDate, policy, now }),
            remediationReminders({ dueDate, policy, now }),
          ]) {
            const keys = plan.map((r) => r.key);
            expect(new Set(keys).size).toBe(keys.length);
            plan.forEach((r, i) => {
              const day = tokyoDate(r.sendAt);
              expect(isBusinessDay(day, opts)).toBe(true);
              expect(r.sendAt.getTime()).toBeGreaterThanOrEqual(
                tokyoInstant(day, policy.window.startHour).getTime(),
              );
              expect(r.sendAt.getTime()).toBeLessThan(tokyoInstant(day, policy.window.endHour).getTime());
              if (now) expect(r.sendAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
              const prev = plan[i - 1];
              if (prev) {
                expect(r.sendAt.getTime()).toBeGreaterThan(prev.sendAt.getTime());
                expect(tokyoDate(prev.sendAt)).not.toBe(day);
                expect(r.dayOffset).toBeGreaterThan(prev.dayOffset);
              }
              // Shifted forward only: never before the target day.
              expect(day >= addCalendarDays(dueDate, r.dayOffset)).toBe(true);
            });
          }
        },
      ),
    );
  });
});

describe('escalation', () => {
  it('follows the ladder by days overdue', () => {
    const ladder = DEFAULT_REMINDER_POLICY.escalation;
    const steps = [0, 2, 3, 6, 7, 13, 14, 30, 365].map((d) => [
      d,
      ladder[escalationStepFor(d, ladder)]?.role,
    ]);
    expect(steps).toEqual([
      [0, 'supplier_contact'],
      [2, 'supplier_contact'],
      [3, 'supplier_admin'],
      [6, 'supplier_admin'],
      [7, 'buyer_owner'],
      [13, 'buyer_owner'],
      [14, 'buyer_procurement_lead'],
      [30, 'buyer_procurement_lead'],
      [365, 'buyer_procurement_lead'],
    ]);
  });

  it('applies a custom ladder to after-due reminders; before-due reminders stay on step 0', () => {
    const policy = withReminderDefaults({
      afterDueEveryDays: 1,
      maxAfterDue: 3,
      escalation: [
        { role: 'supplier_contact', escalateAfterDays: 0 },
        { role: 'buyer_owner', escalateAfterDays: 2 },
      ],
    });
    // Due Monday 2026-06-08: after:1..3 are Tue–Thu.
    const plan = questionnaireReminders({ dueDate: '2026-06-08', policy });
    expect(plan.map((r) => [r.key, r.escalationStep])).toEqual([
      ['before:7', 0],
      ['before:1', 0],
      ['after:1', 0],
      ['after:2', 1],
      ['after:3', 1],
    ]);
  });
});

describe('remediationReminders', () => {
  it('plans due_soon 7 and 1 days before and overdue every afterDueEveryDays', () => {
    const plan = remediationReminders({
      dueDate: '2026-06-13',
      policy: withReminderDefaults({ maxAfterDue: 3 }),
    });
    expect(plan.map((r) => [r.key, r.kind, r.dayOffset, r.sendAt.toISOString()])).toEqual([
      ['due_soon:7', 'due_soon', -7, at9('2026-06-08').toISOString()],
      ['due_soon:1', 'due_soon', -1, at9('2026-06-12').toISOString()],
      ['overdue:3', 'overdue', 3, at9('2026-06-16').toISOString()],
      ['overdue:6', 'overdue', 6, at9('2026-06-19').toISOString()],
      ['overdue:9', 'overdue', 9, at9('2026-06-22').toISOString()],
    ]);
  });
});

describe('validateReminderPolicy', () => {
  const ladder = (...pairs: [EscalationStep['role'], number][]): EscalationStep[] =>
    pairs.map(([role, escalateAfterDays]) => ({ role, escalateAfterDays }));

  it('reports negative, fractional and duplicate days', () => {
    expect(
      codes(withReminderDefaults({ beforeDue: [-1, 7, 7, 1.5], afterDueEveryDays: -3, maxAfterDue: -1 })),
    ).toEqual([
      ['BEFORE_DUE_INVALID', 'beforeDue[0]'],
      ['BEFORE_DUE_DUPLICATE', 'beforeDue[2]'],
      ['BEFORE_DUE_INVALID', 'beforeDue[3]'],
      ['AFTER_DUE_EVERY_DAYS_INVALID', 'afterDueEveryDays'],
      ['MAX_AFTER_DUE_INVALID', 'maxAfterDue'],
    ]);
    expect(codes(withReminderDefaults({ afterDueEveryDays: 0 }))).toEqual([
      ['AFTER_DUE_EVERY_DAYS_INVALID', 'afterDueEveryDays'],
    ]);
  });

  it('reports a window out of 0–24 or with start ≥ end', () => {
    expect(codes(withReminderDefaults({ window: { startHour: -1, endHour: 25 } }))).toEqual([
      ['WINDOW_HOUR_INVALID', 'window.startHour'],
      ['WINDOW_HOUR_INVALID', 'window.endHour'],
    ]);
    expect(codes(withReminderDefaults({ window: { startHour: 18, endHour: 9 } }))).toEqual([
      ['WINDOW_EMPTY', 'window'],
    ]);
    expect(codes(withReminderDefaults({ window: { startHour: 9, endHour: 9 } }))).toEqual([
      ['WINDOW_EMPTY', 'window'],
    ]);
    expect(codes(withReminderDefaults({ window: { startHour: 0, endHour: 24 } }))).toEqual([]);
  });

  it('reports an unsorted, empty or malformed escalation ladder', () => {
    expect(
      codes(
        withReminderDefaults({
          escalation: ladder(['supplier_contact', 0], ['supplier_admin', 7], ['buyer_owner', 3]),
        }),
      ),
    ).toEqual([['ESCALATION_UNSORTED', 'escalation[2].escalateAfterDays']]);
    expect(codes(withReminderDefaults({ escalation: [] }))).toEqual([['ESCALATION_EMPTY', 'escalation']]);
    expect(
      codes(
        withReminderDefaults({
          escalation: [
            { role: 'supplier_contact', escalateAfterDays: 1 },
            { role: 'supplier_contact', escalateAfterDays: 1 },
            { role: 'ceo' as EscalationStep['role'], escalateAfterDays: -2 },
          ],
        }),
      ),
    ).toEqual([
      ['ESCALATION_FIRST_NOT_ZERO', 'escalation[0].escalateAfterDays'],
      ['ESCALATION_ROLE_DUPLICATE', 'escalation[1].role'],
      ['ESCALATION_UNSORTED', 'escalation[1].escalateAfterDays'],
      ['ESCALATION_ROLE_UNKNOWN', 'escalation[2].role'],
      ['ESCALATION_DAYS_INVALID', 'escalation[2].escalateAfterDays'],
    ]);
  });

  it('gives every error in Japanese and English', () => {
    const errors = validateReminderPolicy(
      withReminderDefaults({
        beforeDue: [-1],
        window: { startHour: 18, endHour: 9 },
        escalation: ladder(['supplier_contact', 0], ['supplier_admin', 0]),
      }),
    );
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(e.en).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(errors.find((e) => e.code === 'WINDOW_EMPTY')).toMatchObject({
      ja: '送信時間帯の開始（18時）は終了（9時）より前にしてください。',
      en: 'window.startHour (18) must be before window.endHour (9).',
    });
  });

  it('puts every message on the thrown error', () => {
    try {
      questionnaireReminders({
        dueDate: '2026-06-13',
        policy: withReminderDefaults({ window: { startHour: 18, endHour: 9 } }),
      });
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidReminderPolicyError);
      expect((e as InvalidReminderPolicyError).errors.map((x) => x.code)).toEqual(['WINDOW_EMPTY']);
    }
  });
});
