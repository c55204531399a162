import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Relation, DbDefault } from '../database/table-types';
import { User } from '../users/user.entity';
import { Assessment } from './assessment.entity';

export const CONFIRMATION_RESULTS = ['confirmed', 'rejected'] as const;
export type ConfirmationResult = (typeof CONFIRMATION_RESULTS)[number];

/** An evaluator's verdict on one answer. The confirmed level counts only confirmed criteria. */
@Entity({ name: 'criterion_confirmations' })
export class Confirmation {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @PrimaryColumn({ name: 'criterion_id', type: 'text' })
  criterionId!: string;

  @Column({ type: 'enum', enum: CONFIRMATION_RESULTS, enumName: 'confirmation_result' })
  result!: ConfirmationResult;

  @Column({ type: 'text', default: '' })
  note!: DbDefault<string>;

  @Column({ name: 'evaluator_id', type: 'uuid', nullable: true })
  evaluatorId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'evaluator_id' })
  evaluator?: Relation<User>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: DbDefault<Date>;
}
