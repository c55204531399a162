import {
  CreateDateColumn,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation, DbDefault } from '../database/table-types';
import { User } from '../users/user.entity';
import { Assessment } from './assessment.entity';

/**
 * A person who may work on ONE assessment for its supplier without being a member of the supplier
 * organization: whoever opened an emailed link to it (and so proved they own the mailbox it was sent to).
 * A guest answers, attaches evidence, submits and works on its remediation items; they see nothing else of
 * the supplier (no other assessment, no member list, no network) and cannot invite anyone into it.
 */
@Entity({ name: 'assessment_guests' })
@Index('uq_assessment_guests_assessment_user', ['assessmentId', 'userId'], { unique: true })
@Index('ix_assessment_guests_user', ['userId'])
export class AssessmentGuest {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;
}
