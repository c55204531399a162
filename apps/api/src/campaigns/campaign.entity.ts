import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation, DbDefault } from '../database/table-types';
import type { Catalogue } from '@tierstar/guidelines';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';

export const CAMPAIGN_STATUSES = ['draft', 'launched', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const MAIL_LOCALES = ['ja', 'en'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

/**
 * A buyer's request to a set of suppliers to self-assess against one catalogue version. The catalogue is
 * copied into the campaign at creation, so later catalogue changes never alter what was asked.
 */
@Entity({ name: 'campaigns' })
@Index('ix_campaigns_buyer', ['buyerId', 'createdAt'])
@Index('ix_campaigns_parent', ['parentCampaignId'])
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'buyer_id' })
  buyer?: Relation<Organization>;

  @Column({ type: 'text' })
  title!: string;

  /** The buyer's request to its suppliers, in its own words. */
  @Column({ type: 'text', default: '' })
  message!: DbDefault<string>;

  /** What the buyer offers in return (cost sharing, support programmes), per the METI/JFTC guidance. */
  @Column({ name: 'support_offered', type: 'text', default: '' })
  supportOffered!: DbDefault<string>;

  @Column({ name: 'catalogue_id', type: 'text' })
  catalogueId!: string;

  @Column({ name: 'catalogue_version', type: 'text' })
  catalogueVersion!: string;

  /** The whole catalogue as it was when the campaign was created. */
  @Column({ type: 'jsonb', select: false })
  catalogue!: Catalogue;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  /** Language of the invitation emails. */
  @Column({ type: 'enum', enum: MAIL_LOCALES, enumName: 'mail_locale', default: 'ja' })
  locale!: DbDefault<MailLocale>;

  /** Set when a Tier 1 supplier forwarded a campaign it received: the campaign it came from. */
  @Column({ name: 'parent_campaign_id', type: 'uuid', nullable: true })
  parentCampaignId!: string | null;

  @ManyToOne(() => Campaign, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_campaign_id' })
  parentCampaign?: Relation<Campaign>;

  /** The forwarding supplier's own assessment in the parent campaign. */
  @Column({ name: 'parent_assessment_id', type: 'uuid', nullable: true })
  parentAssessmentId!: string | null;

  /** Latest date a supplier may plan to close a gap by (null: no limit). */
  @Column({ name: 'remediation_deadline', type: 'date', nullable: true })
  remediationDeadline!: string | null;

  /** Reminder and escalation policy; null means the defaults (see reminders/calendar/reminder-policy.ts). */
  @Column({ name: 'reminder_policy', type: 'jsonb', nullable: true })
  reminderPolicy!: Record<string, unknown> | null;

  @Column({ type: 'enum', enum: CAMPAIGN_STATUSES, enumName: 'campaign_status', default: 'draft' })
  status!: DbDefault<CampaignStatus>;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<User>;

  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true })
  launchedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: DbDefault<Date>;
}
