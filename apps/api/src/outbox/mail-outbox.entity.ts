import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DbDefault } from '../database/table-types';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Every email, recorded in PostgreSQL (in the transaction that decided to send it) before anything is sent.
 * `dedupeKey` is unique, so the same logical email is never recorded twice; delivery claims a row with
 * FOR UPDATE SKIP LOCKED and marks it sent in the same transaction, so several workers never both send it.
 */
@Entity({ name: 'mail_outbox' })
@Index('uq_mail_outbox_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_mail_outbox_pending', ['status', 'availableAt'])
@Index('ix_mail_outbox_org', ['organizationId', 'createdAt'])
export class MailOutbox {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  /** Template name (see MailTemplateName). */
  @Column({ type: 'text' })
  kind!: string;

  /** Organization whose staff may see this email's delivery state (the buyer). */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ name: 'assessment_id', type: 'uuid', nullable: true })
  assessmentId!: string | null;

  @Column({ name: 'to_email', type: 'text' })
  toEmail!: string;

  @Column({ type: 'text', default: 'ja' })
  locale!: DbDefault<string>;

  /** Template data known when recorded; the worker adds what must be fresh (e.g. a new link token). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload!: DbDefault<Record<string, unknown>>;

  @Column({ type: 'enum', enum: OUTBOX_STATUSES, enumName: 'outbox_status', default: 'pending' })
  status!: DbDefault<OutboxStatus>;

  @Column({ type: 'int', default: 0 })
  attempts!: DbDefault<number>;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Not sent before this instant (retry backoff, business-hours windows). */
  @Column({ name: 'available_at', type: 'timestamptz', default: () => 'now()' })
  availableAt!: DbDefault<Date>;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;
}
