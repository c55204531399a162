import { tokyoInstant } from './calendar/business-calendar';
import {
  DEFAULT_REMINDER_POLICY,
  InvalidReminderPolicyError,
  questionnaireReminders,
  withReminderDefaults,
} from './calendar/reminder-policy';
import {
  daysOverdueOn,
  digestSchedule,
  dueForRecording,
  effectivePolicy,
  isoWeekOf,
  ladderRoles,
  planningHorizon,
} from './reminder-schedule';

const P = DEFAULT_REMINDER_POLICY;
const OPTS = { skipYearEnd: true };
const at = (date: string, hour: number, minute = 0) =>
  new Date(tokyoInstant(date, hour).getTime() + minute * 60_000);

describe('effectivePolicy', () => {
  it('uses the defaults for null and fills fields left out of a stored policy', () => {
    expect(effectivePolicy(null)).toBe(P);
    const p = effectivePolicy({ beforeDue: [3], window: { startHour: 10 } });
    expect(p.beforeDue).toEqual([3]);
    expect(p.window).toEqual({ startHour: 10, endHour: 18 });
    expect(p.escalation).toEqual(P.escalation);
  });

  it('throws on an invalid stored policy', () => {
    expect(() => effectivePolicy({ afterDueEveryDays: 0 })).toThrow(InvalidReminderPolicyError);
  });
});

describe('planningHorizon', () => {
  it('is the end of the current window while inside it', () => {
    expect(planningHorizon(at('2026-11-24', 10), P.window, OPTS)).toEqual(at('2026-11-24', 18));
  });

  it('is the end of the next business day window outside hours, skipping weekends and holidays', () => {
    // Friday evening → Monday 23 Nov is 勤労感謝の日 → Tuesday.
    expect(planningHorizon(at('2026-11-20', 19), P.window, OPTS)).toEqual(at('2026-11-24', 18));
    // Early on a business day → that day.
    expect(planningHorizon(at('2026-11-24', 7), P.window, OPTS)).toEqual(at('2026-11-24', 18));
  });
});

describe('dueForRecording', () => {
  const dueDate = '2026-11-30'; // before:7 falls on the holiday 2026-11-23 and moves to Tuesday 24th
  const plan = (now: Date) => questionnaireReminders({ dueDate, policy: P, now });

  it('records nothing while the next reminder is beyond the next send window', () => {
    const now = at('2026-11-20', 12);
    expect(dueForRecording(plan(now), now, P)).toEqual([]);
  });

  it('outside hours, records the next business day reminder with its window-start slot', () => {
    const now = at('2026-11-20', 19);
    const due = dueForRecording(plan(now), now, P);
    expect(due.map((r) => [r.key, r.sendAt.toISOString()])).toEqual([
      ['before:7', at('2026-11-24', 9).toISOString()],
    ]);
  });

  it('inside the window on the day, the slot is now', () => {
    const now = at('2026-11-24', 13, 5);
    const due = dueForRecording(plan(now), now, P);
    expect(due.map((r) => [r.key, r.sendAt])).toEqual([['before:7', now]]);
  });

  it('overdue reminders carry the escalation step of their day', () => {
    const now = at('2026-12-17', 8); // due + 17 days: after:15 (Tue 15th) is past, after:18 is on Fri 18th
    const due = dueForRecording(plan(at('2026-12-18', 8)), at('2026-12-18', 8), P);
    expect(due.map((r) => [r.key, r.escalationStep])).toEqual([['after:18', 3]]);
    expect(dueForRecording(plan(now), now, P)).toEqual([]);
  });
});

describe('ladderRoles', () => {
  it('adds the roles of every step up to the given one', () => {
    expect(ladderRoles(P, 0)).toEqual(['supplier_contact']);
    expect(ladderRoles(P, 2)).toEqual(['supplier_contact', 'supplier_admin', 'buyer_owner']);
    const custom = withReminderDefaults({
      escalation: [
        { role: 'supplier_admin', escalateAfterDays: 0 },
        { role: 'buyer_procurement_lead', escalateAfterDays: 1 },
      ],
    });
    expect(ladderRoles(custom, 1)).toEqual(['supplier_admin', 'buyer_procurement_lead']);
  });
});

describe('daysOverdueOn', () => {
  it('counts calendar days to the Tokyo day of the send instant, 0 before the due date', () => {
    expect(daysOverdueOn('2026-11-30', at('2026-12-03', 9))).toBe(3);
    expect(daysOverdueOn('2026-11-30', at('2026-11-24', 9))).toBe(0);
    // 23:30 UTC on 2 Dec is already 3 Dec in Tokyo.
    expect(daysOverdueOn('2026-11-30', new Date('2026-12-02T23:30:00Z'))).toBe(3);
  });
});

describe('isoWeekOf', () => {
  it('names ISO weeks by their Thursday', () => {
    expect(isoWeekOf('2026-11-24')).toEqual({ key: '2026-W48', monday: '2026-11-23', sunday: '2026-11-29' });
    expect(isoWeekOf('2027-01-01').key).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04').key).toBe('2027-W01');
    expect(isoWeekOf('2025-12-29').key).toBe('2026-W01');
  });
});

describe('digestSchedule', () => {
  it('goes out on the first business day of the week (a holiday Monday moves it to Tuesday)', () => {
    const s = digestSchedule(at('2026-11-23', 10), P.window, OPTS)!;
    expect(s.week.key).toBe('2026-W48');
    expect(s.sendAt).toEqual(at('2026-11-24', 9));
    expect([s.weekStart, s.weekEnd]).toEqual(['2026-11-16', '2026-11-22']);
    expect([s.from, s.to]).toEqual([at('2026-11-16', 0), at('2026-11-23', 0)]);
  });

  it('Golden Week: 3–5 May 2027 are holidays, so the digest waits for Thursday 6 May', () => {
    // Recorded on the holidays already (the next send window is Thursday's), to wait for its slot.
    expect(digestSchedule(at('2027-05-04', 12), P.window, OPTS)!.sendAt).toEqual(at('2027-05-06', 9));
    expect(digestSchedule(at('2027-05-05', 19), P.window, OPTS)!.sendAt).toEqual(at('2027-05-06', 9));
    expect(digestSchedule(at('2027-05-02', 12), P.window, OPTS)).toBeNull(); // Sunday before: last week's
  });

  it('a planner that was down catches up later the same week, never the next', () => {
    expect(digestSchedule(at('2026-11-26', 15), P.window, OPTS)!.sendAt).toEqual(at('2026-11-26', 15));
    expect(digestSchedule(at('2026-11-29', 12), P.window, OPTS)).toBeNull();
    expect(digestSchedule(at('2026-11-27', 19), P.window, OPTS)).toBeNull();
  });

  it('is not recorded before the run ahead of its window', () => {
    expect(digestSchedule(at('2026-11-22', 12), P.window, OPTS)).toBeNull(); // Sunday: last week's
    expect(digestSchedule(at('2026-11-30', 1), P.window, OPTS)!.sendAt).toEqual(at('2026-11-30', 9));
  });
});
