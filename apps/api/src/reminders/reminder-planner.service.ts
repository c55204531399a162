import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { addCalendarDays, tokyoInstant } from './calendar/business-calendar';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type {
  DigestOverdue,
  DigestStarChange,
  DigestSubmission,
  ProcurementDigestData,
  QuestionnaireReminderData,
  RemediationReminderData,
} from '../mail/mail.renderer';
import { OutboxService, type OutboxEntry } from '../outbox/outbox.service';
import {
  DEFAULT_REMINDER_POLICY,
  type EscalationRole,
  type PlannedReminder,
  type ReminderPolicy,
  questionnaireReminders,
  remediationReminders,
} from './calendar/reminder-policy';
import { contactHeldSql } from '../network/supplier-requests';
import { LadderDirectory, type Locale } from './recipients';
import {
  SUPPLIER_ROLES,
  calendarOptions,
  daysOverdueOn,
  digestSchedule,
  dueForRecording,
  effectivePolicy,
  ladderRoles,
} from './reminder-schedule';

/** Assessment statuses in which the supplier still owes answers. */
export const REMINDABLE_ASSESSMENT_STATUSES = ['invited', 'in_progress', 'returned'] as const;
/** Remediation statuses that need no more reminders. */
export const SETTLED_REMEDIATION_STATUSES = ['done', 'verified', 'risk_accepted'] as const;
/** Entries per digest list; the rest is counted. */
export const DIGEST_LIST_LIMIT = 20;

export interface PlannerResult {
  /** Rows newly recorded in the outbox by this run (duplicates of earlier runs are not counted). */
  questionnaire: number;
  remediation: number;
  digest: number;
  /** Pending reminders withdrawn because their subject no longer needs one. */
  withdrawn: number;
}

interface CampaignRow {
  id: string;
  buyer_id: string;
  buyer_name: string;
  title: string;
  due_date: string;
  reminder_policy: unknown;
  created_by: string | null;
  locale: Locale;
}

const CAMPAIGN_SELECT = `
  SELECT c.id, c.buyer_id, b.name AS buyer_name, c.title, to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
         c.reminder_policy, c.created_by, c.locale::text AS locale
    FROM campaigns c JOIN organizations b ON b.id = c.buyer_id`;

const label = (l: { ja: string; en: string } | null, locale: Locale) => (l ? l[locale] : null);

/**
 * The reminder planner. Each run (a BullMQ repeatable job, or called directly) asks the Clock for the time,
 * works out which reminders are due before the end of the next send window and records them in the mail
 * outbox with `available_at` = their business-hours send slot. Dedupe keys name the logical email
 * (`reminder:<assessmentId>:<dueDate>:<policyKey>:<email>`, `remediation:<itemId>:<dueDate>:<policyKey>:<step>:<email>`,
 * `digest:<orgId>:<isoWeek>:<email>`), so a second run, a second worker or a retried job records nothing new.
 * No timers live in the process: everything is in PostgreSQL.
 */
@Injectable()
export class ReminderPlannerService {
  private readonly logger = new Logger(ReminderPlannerService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  async run(): Promise<PlannerResult> {
    const now = this.clock.now();
    const withdrawn = await this.withdrawStale();
    const questionnaire = await this.planQuestionnaires(now);
    const remediation = await this.planRemediation(now);
    const digest = await this.planDigests(now);
    return { questionnaire, remediation, digest, withdrawn };
  }

  /**
   * Removes pending reminders whose subject no longer needs one (submitted, accepted, done, due date moved),
   * skipping rows a worker is sending right now. A later need (e.g. answers returned) records them again.
   */
  private async withdrawStale(): Promise<number> {
    const q = await this.db.query<{ id: string }[]>(
      `DELETE FROM mail_outbox WHERE id IN (
         SELECT o.id FROM mail_outbox o
           JOIN assessments a ON a.id = o.assessment_id
           JOIN campaigns c ON c.id = a.campaign_id
          WHERE o.status = 'pending' AND o.kind = 'questionnaire-reminder' AND o.dedupe_key LIKE 'reminder:%'
            AND (a.status::text <> ALL($1::text[]) OR c.status <> 'launched'
                 OR split_part(o.dedupe_key, ':', 3) <> to_char(c.due_date, 'YYYY-MM-DD'))
          FOR UPDATE OF o SKIP LOCKED)
       RETURNING id`,
      [REMINDABLE_ASSESSMENT_STATUSES],
    );
    const r = await this.db.query<{ id: string }[]>(
      `DELETE FROM mail_outbox WHERE id IN (
         SELECT o.id FROM mail_outbox o
           LEFT JOIN remediation_items ri ON ri.id::text = split_part(o.dedupe_key, ':', 2)
          WHERE o.status = 'pending' AND o.kind = 'remediation-reminder' AND o.dedupe_key LIKE 'remediation:%'
            AND (ri.id IS NULL OR ri.status::text = ANY($1::text[]) OR ri.due_date IS NULL
                 OR split_part(o.dedupe_key, ':', 3) <> to_char(ri.due_date, 'YYYY-MM-DD'))
          FOR UPDATE OF o SKIP LOCKED)
       RETURNING id`,
      [SETTLED_REMEDIATION_STATUSES],
    );
    return q.length + r.length;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Questionnaires
  // -------------------------------------------------------------------------------------------------------------

  private async planQuestionnaires(now: Date): Promise<number> {
    const campaigns = await this.db.query<CampaignRow[]>(
      `${CAMPAIGN_SELECT}
        WHERE c.status = 'launched'
          AND EXISTS (SELECT 1 FROM assessments a WHERE a.campaign_id = c.id AND a.status::text = ANY($1::text[]))
        ORDER BY c.id`,
      [REMINDABLE_ASSESSMENT_STATUSES],
    );
    let recorded = 0;
    for (const c of campaigns) {
      const policy = this.policyOf(c);
      if (!policy) continue;
      const due = dueForRecording(questionnaireReminders({ dueDate: c.due_date, policy, now }), now, policy);
      if (!due.length) continue;
      const linkExpiry = tokyoInstant(addCalendarDays(c.due_date, this.config.INVITATION_GRACE_DAYS + 1), 0);
      recorded += await this.record(now, async (m) => {
        const assessments = await m.query<
          {
            id: string;
            supplier_id: string;
            contact_email: string | null;
            supplier_name: string;
            held: boolean;
          }[]
        >(
          `SELECT a.id, a.supplier_id, a.contact_email, s.name AS supplier_name, ${contactHeldSql('a')} AS held
             FROM assessments a JOIN organizations s ON s.id = a.supplier_id
            WHERE a.campaign_id = $1 AND a.status::text = ANY($2::text[])
            ORDER BY a.id`,
          [c.id, REMINDABLE_ASSESSMENT_STATUSES],
        );
        const dir = await this.directory(
          m,
          c,
          policy,
          due,
          assessments.map((a) => a.supplier_id),
        );
        const entries: OutboxEntry[] = [];
        for (const r of due) {
          const roles = ladderRoles(policy, r.escalationStep);
          for (const a of assessments) {
            const party = { supplierId: a.supplier_id, contactEmail: a.contact_email, held: a.held };
            for (const to of dir.recipients(party, roles)) {
              // The emailed sign-in link works until the end of (due date + grace days); a later reminder gets
              // the plain assessment link (sign in with the password set when the account was claimed).
              const isContact = to.role === 'supplier_contact' && r.sendAt < linkExpiry;
              const data: Omit<QuestionnaireReminderData, 'link' | 'expiresOn'> &
                Partial<QuestionnaireReminderData> = {
                buyerName: c.buyer_name,
                supplierName: a.supplier_name,
                campaignTitle: c.title,
                dueDate: c.due_date,
                daysOverdue: daysOverdueOn(c.due_date, r.sendAt),
                toBuyer: !SUPPLIER_ROLES.has(to.role),
                // The contact's link and its expiry are issued fresh by the worker (the previous link is revoked).
                ...(isContact ? {} : { link: this.assessmentLink(a.id), expiresOn: null }),
              };
              entries.push({
                dedupeKey: `reminder:${a.id}:${c.due_date}:${r.key}:${to.email}`,
                kind: 'questionnaire-reminder',
                organizationId: c.buyer_id,
                assessmentId: a.id,
                toEmail: to.email,
                locale: to.locale,
                payload: isContact ? { accessLink: true, data } : { data },
                availableAt: r.sendAt,
              });
            }
          }
        }
        return entries;
      });
    }
    return recorded;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Remediation items
  // -------------------------------------------------------------------------------------------------------------

  private async planRemediation(now: Date): Promise<number> {
    // One plan per (campaign policy, due date): items sharing both share their reminder days.
    const groups = await this.db.query<{ campaign_id: string; due_date: string }[]>(
      `SELECT a.campaign_id, to_char(ri.due_date, 'YYYY-MM-DD') AS due_date
         FROM remediation_items ri JOIN assessments a ON a.id = ri.assessment_id
        WHERE ri.due_date IS NOT NULL AND ri.status::text <> ALL($1::text[])
        GROUP BY a.campaign_id, ri.due_date
        ORDER BY a.campaign_id, ri.due_date`,
      [SETTLED_REMEDIATION_STATUSES],
    );
    if (!groups.length) return 0;
    const campaigns = new Map(
      (
        await this.db.query<CampaignRow[]>(`${CAMPAIGN_SELECT} WHERE c.id = ANY($1::uuid[])`, [
          [...new Set(groups.map((g) => g.campaign_id))],
        ])
      ).map((c) => [c.id, c]),
    );
    let recorded = 0;
    for (const g of groups) {
      const c = campaigns.get(g.campaign_id);
      const policy = c && this.policyOf(c);
      if (!c || !policy) continue;
      const due = dueForRecording(remediationReminders({ dueDate: g.due_date, policy, now }), now, policy);
      if (!due.length) continue;
      recorded += await this.record(now, async (m) => {
        const items = await m.query<
          {
            id: string;
            assessment_id: string;
            criterion_id: string;
            plan: string;
            owner_name: string;
            supplier_id: string;
            contact_email: string | null;
            supplier_name: string;
            held: boolean;
          }[]
        >(
          `SELECT ri.id, ri.assessment_id, ri.criterion_id, ri.plan, ri.owner_name, a.supplier_id, a.contact_email,
                  s.name AS supplier_name, ${contactHeldSql('a')} AS held
             FROM remediation_items ri
             JOIN assessments a ON a.id = ri.assessment_id
             JOIN organizations s ON s.id = a.supplier_id
            WHERE a.campaign_id = $1 AND ri.due_date = $2::date AND ri.status::text <> ALL($3::text[])
            ORDER BY ri.id`,
          [c.id, g.due_date, SETTLED_REMEDIATION_STATUSES],
        );
        const dir = await this.directory(
          m,
          c,
          policy,
          due,
          items.map((i) => i.supplier_id),
        );
        const entries: OutboxEntry[] = [];
        for (const r of due) {
          const roles = ladderRoles(policy, r.escalationStep);
          for (const item of items) {
            const party = { supplierId: item.supplier_id, contactEmail: item.contact_email, held: item.held };
            for (const to of dir.recipients(party, roles)) {
              const data: RemediationReminderData = {
                buyerName: c.buyer_name,
                supplierName: item.supplier_name,
                campaignTitle: c.title,
                criterionId: item.criterion_id,
                plan: item.plan,
                ownerName: item.owner_name,
                dueDate: g.due_date,
                daysOverdue: daysOverdueOn(g.due_date, r.sendAt),
                toBuyer: !SUPPLIER_ROLES.has(to.role),
                link: this.assessmentLink(item.assessment_id),
              };
              entries.push({
                dedupeKey: `remediation:${item.id}:${g.due_date}:${r.key}:${r.escalationStep}:${to.email}`,
                kind: 'remediation-reminder',
                organizationId: c.buyer_id,
                assessmentId: item.assessment_id,
                toEmail: to.email,
                locale: to.locale,
                payload: { data },
                availableAt: r.sendAt,
              });
            }
          }
        }
        return entries;
      });
    }
    return recorded;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Weekly digest
  // -------------------------------------------------------------------------------------------------------------

  private async planDigests(now: Date): Promise<number> {
    const policy = DEFAULT_REMINDER_POLICY;
    const schedule = digestSchedule(now, policy.window, calendarOptions(policy));
    if (!schedule) return 0;
    const buyers = await this.db.query<{ id: string; name: string }[]>(
      `SELECT o.id, o.name FROM organizations o
        WHERE EXISTS (SELECT 1 FROM campaigns c WHERE c.buyer_id = o.id AND c.status <> 'draft')
        ORDER BY o.id`,
    );
    let recorded = 0;
    for (const buyer of buyers) {
      recorded += await this.record(now, async (m) => {
        const recipients = await m.query<{ email: string; locale: Locale }[]>(
          `SELECT DISTINCT lower(u.email) AS email, u.locale FROM memberships ms JOIN users u ON u.id = ms.user_id
            WHERE ms.organization_id = $1 AND ms.role IN ('procurement', 'admin')
            ORDER BY 1`,
          [buyer.id],
        );
        const keyOf = (email: string) => `digest:${buyer.id}:${schedule.week.key}:${email}`;
        // Every run of the week lands here: skip the queries once everyone has this week's digest.
        const done = new Set(
          (
            await m.query<{ dedupe_key: string }[]>(
              'SELECT dedupe_key FROM mail_outbox WHERE dedupe_key = ANY($1::text[])',
              [recipients.map((r) => keyOf(r.email))],
            )
          ).map((r) => r.dedupe_key),
        );
        const pending = recipients.filter((r) => !done.has(keyOf(r.email)));
        if (!pending.length) return [];
        const content = await this.digestContent(
          m,
          buyer.id,
          schedule.from,
          schedule.to,
          schedule.week.monday,
        );
        if (!content) return [];
        return pending.map((to): OutboxEntry => ({
          dedupeKey: keyOf(to.email),
          kind: 'procurement-digest',
          organizationId: buyer.id,
          toEmail: to.email,
          locale: to.locale,
          payload: {
            data: {
              buyerName: buyer.name,
              weekStart: schedule.weekStart,
              weekEnd: schedule.weekEnd,
              ...content(to.locale),
              link: `${this.config.PUBLIC_URL}/orgs/${buyer.id}/campaigns`,
            } satisfies ProcurementDigestData,
          },
          availableAt: schedule.sendAt,
        }));
      });
    }
    return recorded;
  }

  /**
   * What a buyer's digest reports for [from, to): submissions received, what is overdue on `asOf` (the digest's
   * Monday), and level changes (latest submission in the week against the latest before it). Null when all
   * three are empty: no email about nothing.
   */
  private async digestContent(
    m: EntityManager,
    buyerId: string,
    from: Date,
    to: Date,
    asOf: string,
  ): Promise<
    | ((
        locale: Locale,
      ) => Pick<
        ProcurementDigestData,
        'submissions' | 'moreSubmissions' | 'overdue' | 'moreOverdue' | 'starChanges' | 'moreStarChanges'
      >)
    | null
  > {
    type Label = { ja: string; en: string } | null;
    const levelLabel = (level: string) => `
      (SELECT lv->'label' FROM jsonb_array_elements(c.catalogue->'levels') lv
        WHERE (lv->>'rank')::int = ${level} LIMIT 1)`;
    const submissions = await m.query<
      { supplier_name: string; campaign_title: string; label: Label; total: number }[]
    >(
      `SELECT s.name AS supplier_name, c.title AS campaign_title, ${levelLabel(`(sub.score->>'level')::int`)} AS label,
              count(*) OVER ()::int AS total
         FROM assessment_submissions sub
         JOIN assessments a ON a.id = sub.assessment_id
         JOIN campaigns c ON c.id = a.campaign_id
         JOIN organizations s ON s.id = a.supplier_id
        WHERE a.buyer_id = $1 AND sub.submitted_at >= $2 AND sub.submitted_at < $3
        ORDER BY sub.submitted_at, sub.id
        LIMIT $4`,
      [buyerId, from, to, DIGEST_LIST_LIMIT],
    );
    const overdue = await m.query<
      {
        supplier_name: string;
        campaign_title: string;
        criterion_id: string;
        due_date: string;
        days_overdue: number;
        total: number;
      }[]
    >(
      `SELECT x.*, count(*) OVER ()::int AS total FROM (
         SELECT s.name AS supplier_name, c.title AS campaign_title, '' AS criterion_id,
                to_char(c.due_date, 'YYYY-MM-DD') AS due_date, ($2::date - c.due_date)::int AS days_overdue
           FROM assessments a
           JOIN campaigns c ON c.id = a.campaign_id
           JOIN organizations s ON s.id = a.supplier_id
          WHERE a.buyer_id = $1 AND c.status = 'launched' AND a.status::text = ANY($3::text[]) AND c.due_date < $2::date
         UNION ALL
         SELECT s.name, c.title, ri.criterion_id, to_char(ri.due_date, 'YYYY-MM-DD'), ($2::date - ri.due_date)::int
           FROM remediation_items ri
           JOIN assessments a ON a.id = ri.assessment_id
           JOIN campaigns c ON c.id = a.campaign_id
           JOIN organizations s ON s.id = a.supplier_id
          WHERE ri.buyer_id = $1 AND ri.status::text <> ALL($4::text[]) AND ri.due_date < $2::date
       ) x
       ORDER BY x.due_date, x.supplier_name, x.criterion_id
       LIMIT $5`,
      [buyerId, asOf, REMINDABLE_ASSESSMENT_STATUSES, SETTLED_REMEDIATION_STATUSES, DIGEST_LIST_LIMIT],
    );
    const changes = await m.query<
      { supplier_name: string; campaign_title: string; from_label: Label; to_label: Label; total: number }[]
    >(
      `WITH latest AS (
         SELECT DISTINCT ON (sub.assessment_id) sub.assessment_id, (sub.score->>'level')::int AS level
           FROM assessment_submissions sub JOIN assessments a ON a.id = sub.assessment_id
          WHERE a.buyer_id = $1 AND sub.submitted_at >= $2 AND sub.submitted_at < $3
          ORDER BY sub.assessment_id, sub.round DESC),
       earlier AS (
         SELECT DISTINCT ON (sub.assessment_id) sub.assessment_id, (sub.score->>'level')::int AS level
           FROM assessment_submissions sub JOIN latest l ON l.assessment_id = sub.assessment_id
          WHERE sub.submitted_at < $2
          ORDER BY sub.assessment_id, sub.round DESC)
       SELECT s.name AS supplier_name, c.title AS campaign_title,
              ${levelLabel('e.level')} AS from_label, ${levelLabel('l.level')} AS to_label,
              count(*) OVER ()::int AS total
         FROM latest l
         LEFT JOIN earlier e ON e.assessment_id = l.assessment_id
         JOIN assessments a ON a.id = l.assessment_id
         JOIN campaigns c ON c.id = a.campaign_id
         JOIN organizations s ON s.id = a.supplier_id
        WHERE e.level IS DISTINCT FROM l.level
        ORDER BY s.name, c.title
        LIMIT $4`,
      [buyerId, from, to, DIGEST_LIST_LIMIT],
    );
    if (!submissions.length && !overdue.length && !changes.length) return null;
    const more = (rows: { total: number }[]) => (rows.length ? rows[0]!.total - rows.length : 0);
    return (locale) => ({
      submissions: submissions.map((r): DigestSubmission => ({
        supplierName: r.supplier_name,
        campaignTitle: r.campaign_title,
        levelLabel: label(r.label, locale),
      })),
      moreSubmissions: more(submissions),
      overdue: overdue.map((r): DigestOverdue => ({
        supplierName: r.supplier_name,
        campaignTitle: r.campaign_title,
        criterionId: r.criterion_id,
        dueDate: r.due_date,
        daysOverdue: r.days_overdue,
      })),
      moreOverdue: more(overdue),
      starChanges: changes.map((r): DigestStarChange => ({
        supplierName: r.supplier_name,
        campaignTitle: r.campaign_title,
        fromLabel: label(r.from_label, locale),
        toLabel: label(r.to_label, locale),
      })),
      moreStarChanges: more(changes),
    });
  }

  // -------------------------------------------------------------------------------------------------------------

  private policyOf(c: CampaignRow): ReminderPolicy | null {
    try {
      return effectivePolicy(c.reminder_policy);
    } catch (err) {
      this.logger.warn(`campaign ${c.id}: stored reminder policy is invalid, no reminders: ${String(err)}`);
      return null;
    }
  }

  private directory(
    m: EntityManager,
    c: CampaignRow,
    policy: ReminderPolicy,
    due: readonly PlannedReminder<string>[],
    supplierIds: string[],
  ): Promise<LadderDirectory> {
    const roles = new Set<EscalationRole>(due.flatMap((r) => ladderRoles(policy, r.escalationStep)));
    return LadderDirectory.load(
      m,
      { buyerId: c.buyer_id, createdBy: c.created_by, locale: c.locale },
      supplierIds,
      roles,
    );
  }

  /**
   * Records one batch in its own transaction (sorted by dedupe key, so concurrent planners lock in the same
   * order), then queues the rows that may go now; later ones are picked up by the outbox sweeper.
   */
  private async record(now: Date, build: (m: EntityManager) => Promise<OutboxEntry[]>): Promise<number> {
    const { dueNow, later } = await this.db.transaction(async (m) => {
      const entries = (await build(m)).sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : 1));
      const ready = entries.filter((e) => !e.availableAt || e.availableAt <= now);
      const waiting = entries.filter((e) => e.availableAt && e.availableAt > now);
      return { dueNow: await this.outbox.record(m, ready), later: await this.outbox.record(m, waiting) };
    });
    await this.outbox.dispatch(dueNow);
    return dueNow.length + later.length;
  }

  private assessmentLink(assessmentId: string): string {
    return `${this.config.PUBLIC_URL}/assessments/${assessmentId}`;
  }
}
