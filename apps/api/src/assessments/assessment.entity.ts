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
import { Campaign } from '../campaigns/campaign.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';

/**
 * What a supplier lets its buyer's customer (e.g. the OEM above a Tier 1) see of this assessment:
 * `full` answers and evidence; `summary` ★ level, per-category rates and open remediation count; `none` only
 * anonymous aggregates. Its own buyer always sees everything.
 */
export const CONSENT_LEVELS = ['full', 'summary', 'none'] as const;
export type ConsentLevel = (typeof CONSENT_LEVELS)[number];

export const ASSESSMENT_STATUSES = ['invited', 'in_progress', 'submitted', 'returned', 'accepted'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** One supplier's self-assessment within one campaign. `buyerId` is copied from the campaign for tenant checks. */
@Entity({ name: 'assessments' })
@Index('uq_assessments_campaign_supplier', ['campaignId', 'supplierId'], { unique: true })
@Index('ix_assessments_supplier', ['supplierId'])
@Index('ix_assessments_buyer', ['buyerId', 'status'])
export class Assessment {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Relation<Campaign>;

  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'buyer_id' })
  buyer?: Relation<Organization>;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Relation<Organization>;

  /** Level asked for (catalogue rank); null for catalogues without levels. */
  @Column({ name: 'target_level', type: 'smallint', nullable: true })
  targetLevel!: number | null;

  @Column({ type: 'enum', enum: ASSESSMENT_STATUSES, enumName: 'assessment_status', default: 'invited' })
  status!: DbDefault<AssessmentStatus>;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({
    name: 'upstream_consent',
    type: 'enum',
    enum: CONSENT_LEVELS,
    enumName: 'consent_level',
    default: 'none',
  })
  upstreamConsent!: DbDefault<ConsentLevel>;

  @Column({ name: 'consent_updated_at', type: 'timestamptz', nullable: true })
  consentUpdatedAt!: Date | null;

  /** Number of submissions so far (the current review round). */
  @Column({ type: 'int', default: 0 })
  round!: DbDefault<number>;

  /** Expert / third-party evaluator assigned by the buyer to confirm answers. */
  @Column({ name: 'evaluator_id', type: 'uuid', nullable: true })
  evaluatorId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'evaluator_id' })
  evaluator?: Relation<User>;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: DbDefault<Date>;
}
