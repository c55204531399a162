import { isUuid } from '../common/ids';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadAccess } from '../assessments/assessment-access';
import { audit } from '../audit/audit';
import { Clock } from '../common/clock';
import { ProblemException, problem } from '../common/problem';
import {
  DEFAULT_REMINDER_POLICY,
  type ReminderPolicy,
  questionnaireReminders,
  remediationReminders,
  validateReminderPolicy,
} from './calendar/reminder-policy';
import type {
  ReminderPolicyResponseDto,
  UpcomingReminderDto,
  UpcomingReminderListDto,
  UpdateReminderPolicyDto,
} from './dto/reminder.dto';
import { REMINDABLE_ASSESSMENT_STATUSES, SETTLED_REMEDIATION_STATUSES } from './reminder-planner.service';
import { daysOverdueOn, effectivePolicy, ladderRoles } from './reminder-schedule';
import { HolidayDataRangeError } from './calendar/business-calendar';

/** At most this many upcoming reminders are listed (soonest first). */
export const UPCOMING_LIMIT = 100;

const campaignNotFound = () => problem.notFound({ ja: '依頼が見つかりません。', en: 'No such campaign.' });

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The policy a PUT asks for: fields left out take the defaults; a `window` given as an object is merged field by
 * field. Nothing is coerced: whatever was sent goes to the validator as it is.
 */
function requestedPolicy(body: UpdateReminderPolicyDto): ReminderPolicy {
  const d = DEFAULT_REMINDER_POLICY;
  const pick = <T>(v: unknown, fallback: T): T => (v === undefined ? fallback : (v as T));
  const w = body.window;
  return {
    beforeDue: pick(body.beforeDue, [...d.beforeDue]),
    afterDueEveryDays: pick(body.afterDueEveryDays, d.afterDueEveryDays),
    maxAfterDue: pick(body.maxAfterDue, d.maxAfterDue),
    window:
      w === undefined
        ? { ...d.window }
        : isObject(w)
          ? { startHour: pick(w.startHour, d.window.startHour), endHour: pick(w.endHour, d.window.endHour) }
          : (w as ReminderPolicy['window']),
    skipYearEnd: pick(body.skipYearEnd, d.skipYearEnd),
    escalation: pick(
      body.escalation,
      d.escalation.map((s) => ({ ...s })),
    ),
  };
}

/** A valid policy reduced to exactly its fields (so nothing unknown is ever stored). */
function normalized(p: ReminderPolicy): ReminderPolicy {
  return {
    beforeDue: [...p.beforeDue],
    afterDueEveryDays: p.afterDueEveryDays,
    maxAfterDue: p.maxAfterDue,
    window: { startHour: p.window.startHour, endHour: p.window.endHour },
    skipYearEnd: p.skipYearEnd,
    escalation: p.escalation.map((s) => ({ role: s.role, escalateAfterDays: s.escalateAfterDays })),
  };
}

const toPolicyDto = (p: ReminderPolicy): ReminderPolicyResponseDto['policy'] => {
  const n = normalized(p);
  return { ...n, beforeDue: [...n.beforeDue], escalation: [...n.escalation] };
};

/** Campaign reminder policies (buyer side) and the upcoming reminders of one assessment (both sides). */
/**
 * Reminders that fall in years the holiday dataset does not cover (a due date far ahead) cannot be scheduled
 * yet: none are listed, rather than the whole answer failing.
 */
function withinCalendar<T>(plan: () => T[]): T[] {
  try {
    return plan();
  } catch (e) {
    if (e instanceof HolidayDataRangeError) return [];
    throw e;
  }
}

@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async getPolicy(buyerId: string, campaignId: string): Promise<ReminderPolicyResponseDto> {
    if (!isUuid(campaignId)) throw campaignNotFound();
    const [row] = await this.db.query<{ reminder_policy: unknown }[]>(
      'SELECT reminder_policy FROM campaigns WHERE id = $1 AND buyer_id = $2',
      [campaignId, buyerId],
    );
    if (!row) throw campaignNotFound();
    return {
      policy: toPolicyDto(this.storedOrDefault(row.reminder_policy)),
      isDefault: row.reminder_policy === null,
    };
  }

  async putPolicy(
    buyerId: string,
    campaignId: string,
    userId: string,
    body: UpdateReminderPolicyDto,
  ): Promise<ReminderPolicyResponseDto> {
    if (!isUuid(campaignId)) throw campaignNotFound();
    const policy = requestedPolicy(body);
    // Tenant check before validation, so strangers learn nothing from the error details.
    await this.db.transaction(async (m) => {
      const [row] = await m.query<{ reminder_policy: unknown }[]>(
        'SELECT reminder_policy FROM campaigns WHERE id = $1 AND buyer_id = $2 FOR UPDATE',
        [campaignId, buyerId],
      );
      if (!row) throw campaignNotFound();
      const errors = validateReminderPolicy(policy);
      if (errors.length) {
        throw new ProblemException(
          400,
          'REMINDER_POLICY_INVALID',
          {
            ja: 'リマインドの設定に誤りがあります。',
            en: 'The reminder policy is not valid.',
          },
          errors.map((e) => ({ field: e.field, message: { ja: e.ja, en: e.en } })),
          undefined,
          { errorCodes: errors.map((e) => e.code) },
        );
      }
      const value = normalized(policy);
      await m.query(
        `UPDATE campaigns SET reminder_policy = $3::jsonb, updated_at = $4 WHERE id = $1 AND buyer_id = $2`,
        [campaignId, buyerId, JSON.stringify(value), this.clock.now()],
      );
      await audit(m, {
        organizationId: buyerId,
        actorUserId: userId,
        action: 'campaign.reminder_policy_updated',
        entityType: 'campaign',
        entityId: campaignId,
        before: { reminderPolicy: row.reminder_policy },
        after: { reminderPolicy: value },
      });
    });
    return { policy: toPolicyDto(policy), isDefault: false };
  }

  /**
   * The reminders still to come for one assessment (its questionnaire while answers are owed, and each open
   * remediation item with a due date), soonest first, from the Clock's now. Reminders already sent are left out.
   * Anyone who may open the assessment may see them; everyone else gets 404.
   */
  async upcoming(userId: string, assessmentId: string): Promise<UpcomingReminderListDto> {
    const m = this.db.manager;
    const a = await loadAccess(m, assessmentId, userId);
    const now = this.clock.now();
    const [c] = await m.query<{ due_date: string; status: string; reminder_policy: unknown }[]>(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due_date, status, reminder_policy FROM campaigns WHERE id = $1`,
      [a.campaignId],
    );
    if (!c) throw problem.notFound();
    let policy: ReminderPolicy;
    try {
      policy = effectivePolicy(c.reminder_policy);
    } catch {
      return { items: [] };
    }
    const sent = new Set(
      (
        await m.query<{ dedupe_key: string }[]>(
          `SELECT dedupe_key FROM mail_outbox
            WHERE assessment_id = $1 AND status = 'sent' AND kind IN ('questionnaire-reminder', 'remediation-reminder')`,
          [a.id],
        )
      ).map((r) => r.dedupe_key.split(':').slice(0, 5).join(':')),
    );
    const items: UpcomingReminderDto[] = [];
    if (c.status === 'launched' && (REMINDABLE_ASSESSMENT_STATUSES as readonly string[]).includes(a.status)) {
      for (const r of withinCalendar(() => questionnaireReminders({ dueDate: c.due_date, policy, now }))) {
        if (sent.has(`reminder:${a.id}:${c.due_date}:${r.key}`)) continue;
        items.push({
          subject: 'questionnaire',
          kind: r.kind,
          sendAt: r.sendAt.toISOString(),
          dueDate: c.due_date,
          daysOverdue: daysOverdueOn(c.due_date, r.sendAt),
          remediationItemId: null,
          criterionId: null,
          recipients: ladderRoles(policy, r.escalationStep),
        });
      }
    }
    const remediation = await m.query<{ id: string; criterion_id: string; due_date: string }[]>(
      `SELECT id, criterion_id, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM remediation_items
        WHERE assessment_id = $1 AND due_date IS NOT NULL AND status::text <> ALL($2::text[])`,
      [a.id, SETTLED_REMEDIATION_STATUSES],
    );
    for (const item of remediation) {
      for (const r of withinCalendar(() => remediationReminders({ dueDate: item.due_date, policy, now }))) {
        if (sent.has(`remediation:${item.id}:${item.due_date}:${r.key}`)) continue;
        items.push({
          subject: 'remediation',
          kind: r.kind,
          sendAt: r.sendAt.toISOString(),
          dueDate: item.due_date,
          daysOverdue: daysOverdueOn(item.due_date, r.sendAt),
          remediationItemId: item.id,
          criterionId: item.criterion_id,
          recipients: ladderRoles(policy, r.escalationStep),
        });
      }
    }
    items.sort(
      (x, y) =>
        x.sendAt.localeCompare(y.sendAt) ||
        x.subject.localeCompare(y.subject) ||
        (x.criterionId ?? '').localeCompare(y.criterionId ?? ''),
    );
    return { items: items.slice(0, UPCOMING_LIMIT) };
  }

  private storedOrDefault(stored: unknown): ReminderPolicy {
    try {
      return effectivePolicy(stored);
    } catch {
      return DEFAULT_REMINDER_POLICY;
    }
  }
}
