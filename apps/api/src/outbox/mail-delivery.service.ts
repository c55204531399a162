import { isUuid } from '../common/ids';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { escapeLiteral, type Pool, type PoolClient, type QueryResult } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { rotateAccessToken } from '../assessments/access-token';
import { newToken, sha256Hex } from '../auth/tokens';
import { Clock } from '../common/clock';
import { contactHeldSql } from '../network/supplier-requests';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MailRenderer, type MailTemplateName } from '../mail/mail.renderer';
import { MailSender } from '../mail/mail.sender';
import { JOB, QUEUE } from '../queues/queues';
import { OUTBOX_SETTINGS, type OutboxSettings, retryDelayMs } from './outbox-settings';

/** An instant as a SQL literal, for the simple-protocol statements below (which take no parameters). */
const sqlInstant = (d: Date) => `${escapeLiteral(d.toISOString())}::timestamptz`;

/** After this many failed attempts an email is marked failed and shown to the buyer. */
export const MAX_MAIL_ATTEMPTS = 8;

/** Header carrying the outbox dedupe key on every email (with the stable Message-ID, lets receivers de-duplicate). */
export const DEDUPE_HEADER = 'X-TierStar-Dedupe-Key';

/** How long a sign-up's verification link works, from the moment its email is sent. */
export const SIGNUP_LINK_TTL_MS = 24 * 3600_000;

/** A delayed job fires this much after the row's `available_at`, so clock skew between hosts cannot make it early. */
const RETRY_SLACK_MS = 250;

/** What `deliver` did: sent it, found nothing to do, recorded a temporary failure, or marked it failed. */
export type DeliveryOutcome = 'sent' | 'skipped' | 'retry' | 'failed';

interface OutboxRow {
  id: string;
  dedupe_key: string;
  kind: string;
  assessment_id: string | null;
  to_email: string;
  locale: 'ja' | 'en';
  payload: {
    data?: Record<string, unknown>;
    accessLink?: boolean;
    /** An organization invitation: its link token is issued at send time. */
    invitationId?: string;
    /** A sign-up's verification email: its link token is issued at send time. */
    signupRequestId?: string;
  };
  attempts: number;
}

export class PermanentMailError extends Error {}

/** SMTP 5xx replies (and template errors) will not get better by retrying. */
export function isPermanentMailError(err: unknown): boolean {
  const code = (err as { responseCode?: number } | null)?.responseCode;
  return err instanceof PermanentMailError || (typeof code === 'number' && code >= 500 && code < 600);
}

/**
 * Sends recorded emails (mail_outbox rows) at most once each, except in one unavoidable window (below).
 *
 * `deliver(id)` claims the row (`BEGIN; SELECT … FOR UPDATE SKIP LOCKED`, one round trip) and keeps it locked
 * while the email is rendered and handed to SMTP, so a second worker, a duplicate job or the sweeper skip it.
 * After the server's 250 the row is marked sent and committed in ONE round trip (`UPDATE …; COMMIT` sent as a
 * single simple-protocol message). A failure before the 250 rolls back and records attempts / last_error /
 * backoff (SMTP 4xx: retried by a delayed job; 5xx or MAX_MAIL_ATTEMPTS: `failed`). A worker killed at any
 * point before the 250 loses its connection, PostgreSQL rolls back and drops the lock, and the row is sent
 * again later (by its queued job, a retry job or the sweeper): nothing is lost. A row recorded for later
 * (`available_at` ahead) is queued again for that instant. An access link the email carries is issued in the
 * same transaction, so it becomes valid with the 'sent' commit and a failed send leaves the previous link valid.
 *
 * Residual risk (cannot be closed with SMTP): between the server accepting the message (it stores it, then
 * answers 250) and PostgreSQL receiving our `UPDATE …; COMMIT`, a crash of the worker (or of its link to
 * PostgreSQL) leaves the row pending, and it is sent a second time on recovery. That window is the 250's trip
 * back plus one event-loop turn and one write to the database socket (well under a millisecond on an idle
 * worker; a few ms on a loaded one), and only a hard crash or network cut inside it duplicates. A `sending`
 * state would not help: after a crash such a row is just as ambiguous, and resending is the only choice that
 * never loses an email. (In that case the first copy's access link never became valid; the second copy's
 * works.) To make the rare duplicate harmless, every attempt of a row carries the same
 * Message-ID (`<outbox-id@sender-domain>`) and the dedupe key header, so receiving systems that
 * de-duplicate on Message-ID drop it and people can recognise it.
 */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);
  private readonly messageIdDomain: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OUTBOX_SETTINGS) private readonly settings: OutboxSettings,
    @InjectQueue(QUEUE.mail) private readonly queue: Queue,
    private readonly renderer: MailRenderer,
    private readonly sender: MailSender,
    private readonly clock: Clock,
  ) {
    this.messageIdDomain = /@([A-Z0-9.-]+)>?\s*$/i.exec(config.MAIL_FROM)?.[1] ?? 'tierstar.local';
  }

  /** The Message-ID every attempt of this outbox row is sent with. */
  messageIdFor(outboxId: string): string {
    return `<${outboxId}@${this.messageIdDomain}>`;
  }

  /** The pg pool behind TypeORM (the claim and the commit need simple-protocol multi-statement queries). */
  private get pool(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  async deliver(outboxId: string): Promise<DeliveryOutcome> {
    // The id is inlined below (parameters would force the extended protocol: one statement per round trip).
    if (!isUuid(outboxId)) throw new Error(`not an outbox id: ${JSON.stringify(outboxId)}`);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const now = this.clock.now();
    try {
      const [, claimed] = (await client.query(
        `BEGIN;
         SELECT id, dedupe_key, kind, assessment_id, to_email, locale, payload, attempts,
                greatest(0, extract(epoch FROM available_at - ${sqlInstant(now)}) * 1000)::float8 AS wait_ms,
                floor(extract(epoch FROM available_at) * 1000)::float8 AS available_ms
           FROM mail_outbox
          WHERE id = '${outboxId}' AND status = 'pending'
          FOR UPDATE SKIP LOCKED`,
      )) as unknown as QueryResult<OutboxRow & { wait_ms: number; available_ms: number }>[];
      const row = claimed?.rows[0];
      if (!row || row.wait_ms > 0) {
        await client.query('ROLLBACK');
        // Recorded for later (a send slot, a backoff): come back then rather than wait for the sweeper.
        if (row) await this.requeue(row.id, `a${row.available_ms}`, row.wait_ms);
        return 'skipped';
      }
      if (row.payload.accessLink && row.assessment_id && (await this.linkHeld(client, row.assessment_id))) {
        // The supplier's admins have to decide first (or declined): the email carrying a sign-in link is
        // withdrawn, in the claim transaction. Accepting the request records the invitation again.
        await client.query(`DELETE FROM mail_outbox WHERE id = '${row.id}'; COMMIT`);
        return 'skipped';
      }
      let messageId: string;
      try {
        messageId = await this.send(client, row, now);
      } catch (err) {
        await client.query('ROLLBACK');
        return await this.recordFailure(row, err);
      }
      // The server has stored the email: from here until PostgreSQL reads the next message, a crash means a
      // duplicate on recovery (see the class comment). So: no await, no logging, no extra statement before it,
      // and the mark and the commit travel together.
      const sentAt = sqlInstant(this.clock.now());
      await client.query(
        `UPDATE mail_outbox SET status = 'sent', sent_at = ${sentAt}, attempts = attempts + 1,
                message_id = ${escapeLiteral(messageId)}, last_error = NULL
          WHERE id = '${row.id}';
         COMMIT`,
      );
      return 'sent';
    } catch (err) {
      // Unknown connection state (e.g. the commit after a send failed): never reuse it. If the email had been
      // accepted, the row stays pending and is sent again — the residual risk, logged loudly.
      broken = err instanceof Error ? err : new Error(String(err));
      this.logger.error(`email ${outboxId}: database error during delivery: ${String(err)}`);
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /** Whether emailed links to this assessment's contact wait for the supplier's admins (supplier-requests.ts). */
  private async linkHeld(client: PoolClient, assessmentId: string): Promise<boolean> {
    const { rows } = await client.query<{ held: boolean }>(
      `SELECT ${contactHeldSql('a')} AS held FROM assessments a WHERE a.id = $1`,
      [assessmentId],
    );
    return rows[0]?.held === true;
  }

  /** Renders and hands the email to SMTP; resolves with its Message-ID once the server answered 250. */
  private async send(client: PoolClient, row: OutboxRow, now: Date): Promise<string> {
    const data: Record<string, unknown> = { ...(row.payload.data ?? {}) };
    if (row.payload.accessLink && row.assessment_id) {
      // Issued in the claim transaction: the new link commits together with 'sent' (in the same round trip,
      // a fraction of a millisecond after the 250, long before the email reaches an inbox), and a failed send
      // rolls it back, so the previous link keeps working. While the email is handed to SMTP the assessment's
      // unused links are row-locked: someone redeeming one at that moment waits those milliseconds.
      const inClaim = {
        query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows,
      } as unknown as EntityManager;
      const { token, expiresOn } = await rotateAccessToken(
        inClaim,
        row.assessment_id,
        row.to_email,
        this.config.INVITATION_GRACE_DAYS,
        now,
      );
      data.link = `${this.config.PUBLIC_URL}/respond#token=${token}`;
      data.expiresOn = expiresOn;
    }
    // Invitation and sign-up links likewise: a fresh token, only its hash stored, valid from the 'sent' commit.
    // Neither the outbox payload nor any other row ever holds the raw token.
    if (row.payload.invitationId) {
      const token = newToken();
      const issued = await client.query(
        `UPDATE invitations SET token_hash = $2
          WHERE id = $1 AND accepted_at IS NULL AND expires_at > $3 RETURNING id`,
        [row.payload.invitationId, sha256Hex(token), this.clock.now()],
      );
      if (issued.rowCount === 0) throw new PermanentMailError('the invitation is no longer open');
      data.link = `${this.config.PUBLIC_URL}/invitations/accept#token=${token}`;
    }
    if (row.payload.signupRequestId) {
      const token = newToken();
      const now = this.clock.now();
      const issued = await client.query(
        `UPDATE signup_requests SET token_hash = $2, expires_at = $3 WHERE id = $1 RETURNING id`,
        [row.payload.signupRequestId, sha256Hex(token), new Date(now.getTime() + SIGNUP_LINK_TTL_MS)],
      );
      if (issued.rowCount === 0) throw new PermanentMailError('the sign-up is no longer pending');
      data.link = `${this.config.PUBLIC_URL}/verify-email#token=${token}`;
    }
    let message: { subject: string; html: string; text: string };
    try {
      message = this.renderer.render(row.kind as MailTemplateName, row.locale, data as never);
    } catch (err) {
      throw new PermanentMailError(`template ${row.kind}: ${String(err)}`);
    }
    const messageId = this.messageIdFor(row.id);
    await this.sender.send({
      to: row.to_email,
      ...message,
      messageId,
      headers: { [DEDUPE_HEADER]: row.dedupe_key },
    });
    return messageId;
  }

  /**
   * Records a failed attempt (the claim was rolled back). Guarded by status and attempts, so it changes
   * nothing if another worker got to the row in between. A temporary failure schedules a delayed retry job;
   * if that job is lost, the sweeper retries.
   */
  private async recordFailure(row: OutboxRow, err: unknown): Promise<DeliveryOutcome> {
    const attempts = row.attempts + 1;
    const permanent = isPermanentMailError(err) || attempts >= MAX_MAIL_ATTEMPTS;
    const delayMs = retryDelayMs(this.settings, attempts);
    const [updated] = (
      await this.pool.query<{ status: string }>(
        `UPDATE mail_outbox
            SET attempts = $2, last_error = $3,
                status = CASE WHEN $4 THEN 'failed'::outbox_status ELSE status END,
                available_at = CASE WHEN $4 THEN available_at
                                    ELSE $7::timestamptz + make_interval(secs => $5) END
          WHERE id = $1 AND status = 'pending' AND attempts = $6
          RETURNING status`,
        [
          row.id,
          attempts,
          String(err).slice(0, 1000),
          permanent,
          delayMs / 1000,
          row.attempts,
          this.clock.now(),
        ],
      )
    ).rows;
    if (!updated) return 'skipped';
    if (permanent) {
      this.logger.warn(`email ${row.id} (${row.kind}) failed after ${attempts} attempt(s): ${String(err)}`);
      return 'failed';
    }
    await this.requeue(row.id, `r${attempts}`, delayMs);
    return 'retry';
  }

  /** Queues a delayed delivery job (`<id>-<suffix>`, so repeats de-duplicate); if that fails, the sweeper sends it. */
  private async requeue(outboxId: string, suffix: string, delayMs: number): Promise<void> {
    try {
      await this.queue.add(
        JOB.deliverMail,
        { outboxId },
        { jobId: `${outboxId}-${suffix}`, delay: Math.ceil(delayMs) + RETRY_SLACK_MS },
      );
    } catch (err) {
      this.logger.warn(`email ${outboxId} not queued again; the sweeper will send it: ${String(err)}`);
    }
  }

  /**
   * The safety net behind the queue: queues again every pending email that has been due for at least one
   * sweep interval (its own job should have sent it by then: that job was lost with Redis, or its worker died
   * before the retry was queued). Job ids are `<id>-s<run>`, new on every run, so a job that finished without
   * sending (its row was locked by a worker that then crashed) never hides the row; a row still waiting in
   * the queue may get a second job, which finds it sent or claimed and does nothing. Every worker takes part,
   * each email in flight counting against its concurrency. Returns the number queued.
   */
  async sweep(runId = this.clock.now().getTime(), limit = 2000): Promise<number> {
    const due = (
      await this.pool.query<{ id: string }>(
        `SELECT id FROM mail_outbox
          WHERE status = 'pending' AND available_at <= $3::timestamptz - make_interval(secs => $1)
          ORDER BY available_at LIMIT $2`,
        [this.settings.sweepEveryMs / 1000, limit, this.clock.now()],
      )
    ).rows;
    if (due.length === 0) return 0;
    await this.queue.addBulk(
      due.map(({ id }) => ({
        name: JOB.deliverMail,
        data: { outboxId: id },
        opts: { jobId: `${id}-s${runId}` },
      })),
    );
    this.logger.log(`sweep queued ${due.length} pending email(s) again`);
    return due.length;
  }
}
