import { ANSWER_VALUES, type AnswerValue } from '@tierstar/scoring';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation, DbDefault } from '../database/table-types';
import { ANSWER_PROVENANCES, type AnswerProvenance } from './answer.entity';
import { Assessment } from './assessment.entity';

/** Every version of every answer, append-only: nothing a supplier typed is ever lost. */
@Entity({ name: 'answer_revisions' })
@Index('ix_answer_revisions_answer', ['assessmentId', 'criterionId', 'version'])
export class AnswerRevision {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: DbDefault<string>;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @Column({ name: 'criterion_id', type: 'text' })
  criterionId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'enum', enum: ANSWER_VALUES, enumName: 'answer_value' })
  value!: AnswerValue;

  @Column({ type: 'text', default: '' })
  note!: DbDefault<string>;

  @Column({ name: 'na_reason', type: 'text', default: '' })
  naReason!: DbDefault<string>;

  @Column({ type: 'enum', enum: ANSWER_PROVENANCES, enumName: 'answer_provenance' })
  provenance!: AnswerProvenance;

  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;
}
