import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Relation, DbDefault } from '../database/table-types';
import { Assessment } from './assessment.entity';

export interface SnapshotTally {
  met: number;
  applicable: number;
}

/**
 * The current score of an assessment, rewritten in the same transaction as every answer change, so insight
 * queries never score raw answers on the fly. `codes` holds one answer code per criterion in catalogue order.
 */
@Entity({ name: 'score_snapshots' })
export class ScoreSnapshot {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @OneToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @Column({ type: 'bytea' })
  codes!: Buffer;

  /** Highest level reached as claimed by the supplier (catalogue rank), null when none. */
  @Column({ type: 'smallint', nullable: true })
  level!: number | null;

  /** Highest level reached counting only criteria an evaluator confirmed; null when none. */
  @Column({ name: 'confirmed_level', type: 'smallint', nullable: true })
  confirmedLevel!: number | null;

  /** Points for points-scored catalogues (IPA self-check). */
  @Column({ type: 'int', nullable: true })
  points!: number | null;

  /** Criteria in scope (level ≤ target) and how many of them have an answer. */
  @Column({ name: 'in_scope', type: 'int' })
  inScope!: number;

  @Column({ type: 'int' })
  answered!: number;

  @Column({ type: 'int' })
  met!: number;

  @Column({ type: 'int' })
  applicable!: number;

  /** Cumulative tally per level rank: { "3": {met, applicable}, ... } */
  @Column({ type: 'jsonb' })
  levels!: Record<string, SnapshotTally>;

  /** Tally per category (group id) over criteria in scope. */
  @Column({ type: 'jsonb' })
  categories!: Record<string, SnapshotTally>;

  /** Criteria in scope that are not satisfied, in official order. */
  @Column({ type: 'text', array: true })
  gaps!: string[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: DbDefault<Date>;
}
