import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { JOB, QUEUE } from '../queues/queues';

export interface OutboxEntry {
  /** Unique per logical email, e.g. `invite:<assessmentId>:0`; recording it again is a no-op. */
  dedupeKey: string;
  /** Template name. */
  kind: string;
  organizationId: string | null;
  assessmentId?: string | null;
  toEmail: string;
  locale: 'ja' | 'en';
  payload: Record<string, unknown>;
  /** Not sent before this instant (e.g. a reminder's business-hours send slot); default: the Clock's now. */
  availableAt?: Date;
}

const CHUNK = 1000;

/**
 * Records emails in the caller's transaction, then (after commit) hands their ids to the mail queue. If the
 * hand-off fails or a worker dies, the sweeper finds the pending rows: nothing recorded is ever lost.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @InjectQueue(QUEUE.mail) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  /** Inserts the entries (skipping dedupe keys already recorded); returns the ids of the new rows. */
  async record(m: EntityManager, entries: OutboxEntry[]): Promise<string[]> {
    const ids: string[] = [];
    const now = this.clock.now();
    for (let i = 0; i < entries.length; i += CHUNK) {
      const part = entries.slice(i, i + CHUNK);
      const rows = await m.query<{ id: string }[]>(
        `INSERT INTO mail_outbox
                (dedupe_key, kind, organization_id, assessment_id, to_email, locale, payload, available_at,
                 created_at)
         SELECT u.d, u.k, u.o, u.a, u.t, u.l, u.p, COALESCE(u.v, $9), $9
           FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::jsonb[],
                       $8::timestamptz[]) AS u(d, k, o, a, t, l, p, v)
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id`,
        [
          part.map((e) => e.dedupeKey),
          part.map((e) => e.kind),
          part.map((e) => e.organizationId),
          part.map((e) => e.assessmentId ?? null),
          part.map((e) => e.toEmail),
          part.map((e) => e.locale),
          part.map((e) => JSON.stringify(e.payload)),
          part.map((e) => e.availableAt?.toISOString() ?? null),
          now,
        ],
      );
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  }

  /** Queues delivery of recorded rows. Call after the recording transaction committed. Never throws. */
  async dispatch(ids: string[]): Promise<void> {
    try {
      for (let i = 0; i < ids.length; i += CHUNK) {
        await this.queue.addBulk(
          ids
            .slice(i, i + CHUNK)
            .map((id) => ({ name: JOB.deliverMail, data: { outboxId: id }, opts: { jobId: id } })),
        );
      }
    } catch (err) {
      this.logger.warn(`queueing ${ids.length} emails failed; the sweeper will send them: ${String(err)}`);
    }
  }
}
