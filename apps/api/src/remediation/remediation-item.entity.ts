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
import { Assessment } from '../assessments/assessment.entity';
import { User } from '../users/user.entity';

export const REMEDIATION_STATUSES = [
  'open',
  'planned',
  'in_progress',
  'done',
  'verified',
  'risk_accepted',
] as const;
export type RemediationStatus = (typeof REMEDIATION_STATUSES)[number];

/**
 * One gap of a submitted assessment (a criterion in scope that is not met) and the supplier's plan to close
 * it. Created once per (assessment, criterion): resubmitting never duplicates. `buyerId`/`supplierId` are
 * copied from the assessment for tenant checks and board queries.
 */
@Entity({ name: 'remediation_items' })
@Index('uq_remediation_items_gap', ['assessmentId', 'criterionId'], { unique: true })
@Index('ix_remediation_items_buyer', ['buyerId', 'status', 'dueDate'])
@Index('ix_remediation_items_supplier', ['supplierId', 'status'])
export class RemediationItem {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @Column({ name: 'criterion_id', type: 'text' })
  criterionId!: string;

  @Column({ type: 'enum', enum: REMEDIATION_STATUSES, enumName: 'remediation_status', default: 'open' })
  status!: DbDefault<RemediationStatus>;

  @Column({ type: 'text', default: '' })
  plan!: DbDefault<string>;

  /** Person responsible at the supplier (free text: SMEs often have no account for them). */
  @Column({ name: 'owner_name', type: 'text', default: '' })
  ownerName!: DbDefault<string>;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  /** Why the risk is accepted instead of fixed (status risk_accepted). */
  @Column({ name: 'risk_reason', type: 'text', default: '' })
  riskReason!: DbDefault<string>;

  /** A risk acceptance is reviewed again after this date. */
  @Column({ name: 'risk_expires_on', type: 'date', nullable: true })
  riskExpiresOn!: string | null;

  /** A support offer linked by the supplier (e.g. an IPA お助け隊 service, the buyer's programme). */
  @Column({ name: 'support_offer', type: 'text', default: '' })
  supportOffer!: DbDefault<string>;

  @Column({ name: 'verified_by', type: 'uuid', nullable: true })
  verifiedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'verified_by' })
  verifier?: Relation<User>;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  /** Grows by one per change (optimistic concurrency, like answers). */
  @Column({ type: 'int', default: 1 })
  version!: DbDefault<number>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: DbDefault<Date>;
}
