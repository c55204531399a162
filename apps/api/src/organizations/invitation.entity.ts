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
import { MEMBER_ROLES, type MemberRole } from './membership.entity';
import { Organization } from './organization.entity';

/**
 * An invitation of a colleague into an organization. The token is issued when the email is sent (inside the
 * mail delivery's claim transaction) and only its SHA-256 is stored; null until then.
 */
@Entity({ name: 'invitations' })
@Index('ix_invitations_org', ['organizationId'])
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'enum', enum: MEMBER_ROLES, enumName: 'member_role' })
  role!: MemberRole;

  @Index('uq_invitations_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64, nullable: true })
  tokenHash!: string | null;

  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invited_by' })
  inviter?: Relation<User>;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;
}
