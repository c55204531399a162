import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rotateAccessToken } from '../assessments/access-token';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MailRenderer } from '../mail/mail.renderer';
import { MailSender } from '../mail/mail.sender';
import type { MailTemplateName } from '../mail/mail.renderer';

/** After this many failed attempts an email is marked failed and shown to the buyer. */
export const MAX_MAIL_ATTEMPTS = 8;

interface OutboxRow {
  id: string;
  dedupe_key: string;
  kind: string;
  assessment_id: string | null;
  to_email: string;
  locale: 'ja' | 'en';
  payload: { data?: Record<string, unknown>; accessLink?: boolean };
  attempts: number;
}

export class PermanentMailError extends Error {}

/** SMTP 5xx replies (and template errors) will not get better by retrying. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return err instanceof PermanentMailError || (typeof code === 'number' && code >= 500 && code < 600);
}

/**
 * Sends one recorded email at most once: the row is claimed with FOR UPDATE SKIP LOCKED and marked sent in the
 * same transaction, so two workers (or a retried job) never both send it; a crash before commit leaves it
 * pending for the sweeper.
 */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly renderer: MailRenderer,
    private readonly sender: MailSender,
  ) {}

  async deliver(outboxId: string): Promise<'sent' | 'skipped'> {
    const qr = this.db.createQueryRunner();
    await qr.connect();
    let row: OutboxRow | undefined;
    try {
      await qr.startTransaction();
      [row] = (await qr.query(
        `SELECT id, dedupe_key, kind, assessment_id, to_email, locale, payload, attempts
           FROM mail_outbox
          WHERE id = $1 AND status = 'pending' AND available_at <= now()
          FOR UPDATE SKIP LOCKED`,
        [outboxId],
      )) as OutboxRow[];
      if (!row) {
        await qr.commitTransaction();
        return 'skipped';
      }
      const data: Record<string, unknown> = { ...(row.payload.data ?? {}) };
      if (row.payload.accessLink && row.assessment_id) {
        // Committed on its own (another connection) before the email leaves, so the link works the moment
        // it arrives. If sending then fails, the next attempt rotates again; the older link stays revoked.
        const assessmentId = row.assessment_id;
        const email = row.to_email;
        const { token, expiresOn } = await this.db.transaction((m) =>
          rotateAccessToken(m, assessmentId, email, this.config.INVITATION_GRACE_DAYS),
        );
        data.link = `${this.config.PUBLIC_URL}/respond#token=${token}`;
        data.expiresOn = expiresOn;
      }
      let message: { subject: string; html: string; text: string };
      try {
        message = this.renderer.render(row.kind as MailTemplateName, row.locale, data as never);
      } catch (err) {
        throw new PermanentMailError(`template ${row.kind}: ${String(err)}`);
      }
      const info = await this.sender.send({
        to: row.to_email,
        ...message,
        headers: { 'X-TierStar-Dedupe-Key': row.dedupe_key },
      });
      await qr.query(
        `UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, message_id = $2,
                last_error = NULL
          WHERE id = $1`,
        [row.id, info.messageId],
      );
      await qr.commitTransaction();
      return 'sent';
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      if (row) await this.recordFailure(row, err);
      throw err;
    } finally {
      await qr.release();
    }
  }

  /** Delivers every pending email that is due, oldest first (the safety net behind the queue). */
  async sweep(limit = 500): Promise<number> {
    const due = await this.db.query<{ id: string }[]>(
      `SELECT id FROM mail_outbox WHERE status = 'pending' AND available_at <= now() ORDER BY created_at LIMIT $1`,
      [limit],
    );
    let sent = 0;
    for (const { id } of due) {
      try {
        if ((await this.deliver(id)) === 'sent') sent++;
      } catch (err) {
        this.logger.warn(`email ${id} not sent yet: ${String(err)}`);
      }
    }
    return sent;
  }

  private async recordFailure(row: OutboxRow, err: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const failed = isPermanent(err) || attempts >= MAX_MAIL_ATTEMPTS;
    // Exponential backoff for the sweeper: 30 s, 1 min, 2 min, … capped at 1 h.
    const delaySeconds = Math.min(3600, 30 * 2 ** (attempts - 1));
    await this.db.query(
      `UPDATE mail_outbox
          SET attempts = $2, last_error = $3, status = CASE WHEN $4 THEN 'failed'::outbox_status ELSE status END,
              available_at = now() + make_interval(secs => $5)
        WHERE id = $1`,
      [row.id, attempts, String(err).slice(0, 1000), failed, delaySeconds],
    );
  }
}
