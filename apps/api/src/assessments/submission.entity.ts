import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation, DbDefault, Jsonb } from '../database/table-types';
import { User } from '../users/user.entity';
import { Assessment } from './assessment.entity';

export const SUBMISSION_OUTCOMES = ['pending', 'returned', 'accepted'] as const;
export type SubmissionOutcome = (typeof SUBMISSION_OUTCOMES)[number];

/** Management's declaration of conformity, as the scheme asks. */
export interface Declaration {
  name: string;
  title: string;
  /** ISO date the declaration was signed. */
  date: string;
}

export interface FrozenAnswer {
  criterionId: string;
  value: string;
  note: string;
  naReason: string;
  version: number;
}

/** One round of review: the answers and score exactly as submitted, never changed afterwards. */
@Entity({ name: 'assessment_submissions' })
@Index('uq_assessment_submissions_round', ['assessmentId', 'round'], { unique: true })
export class Submission {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @Column({ type: 'int' })
  round!: number;

  @Column({ type: 'jsonb' })
  answers!: Jsonb<FrozenAnswer[]>;

  /** The score snapshot at submission (same fields as score_snapshots, without codes). */
  @Column({ type: 'jsonb' })
  score!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  declaration!: Declaration;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'submitted_by' })
  submitter?: Relation<User>;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'enum', enum: SUBMISSION_OUTCOMES, enumName: 'submission_outcome', default: 'pending' })
  outcome!: DbDefault<SubmissionOutcome>;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** The buyer's overall message when returning or accepting. */
  @Column({ name: 'decision_message', type: 'text', default: '' })
  decisionMessage!: DbDefault<string>;
}
