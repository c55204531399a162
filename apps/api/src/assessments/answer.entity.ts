import { ANSWER_VALUES, type AnswerValue } from '@tierstar/scoring';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Relation, DbDefault } from '../database/table-types';
import { Assessment } from './assessment.entity';

export const ANSWER_PROVENANCES = ['form', 'import', 'prefill', 'remediation'] as const;
export type AnswerProvenance = (typeof ANSWER_PROVENANCES)[number];

/** The current answer to one criterion. `version` starts at 1 and grows by one per change (optimistic lock). */
@Entity({ name: 'assessment_answers' })
export class Answer {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @PrimaryColumn({ name: 'criterion_id', type: 'text' })
  criterionId!: string;

  @Column({ type: 'enum', enum: ANSWER_VALUES, enumName: 'answer_value' })
  value!: AnswerValue;

  @Column({ type: 'text', default: '' })
  note!: DbDefault<string>;

  /** Required when the value is not_applicable. */
  @Column({ name: 'na_reason', type: 'text', default: '' })
  naReason!: DbDefault<string>;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'enum', enum: ANSWER_PROVENANCES, enumName: 'answer_provenance', default: 'form' })
  provenance!: DbDefault<AnswerProvenance>;

  /** Where a reused or imported answer came from (file name, earlier assessment, crosswalk). */
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: DbDefault<Date>;
}
