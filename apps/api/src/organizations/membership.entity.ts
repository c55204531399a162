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
import { User } from '../users/user.entity';
import { Organization } from './organization.entity';

export const MEMBER_ROLES = ['admin', 'procurement', 'respondent', 'evaluator'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

@Entity({ name: 'memberships' })
@Index('uq_memberships_user_org_role', ['userId', 'organizationId', 'role'], { unique: true })
@Index('ix_memberships_org', ['organizationId'])
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'enum', enum: MEMBER_ROLES, enumName: 'member_role' })
  role!: MemberRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;
}
