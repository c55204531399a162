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
import { RemediationItem } from './remediation-item.entity';

/** The full history of a remediation item, append-only. */
@Entity({ name: 'remediation_events' })
@Index('ix_remediation_events_item', ['itemId', 'createdAt'])
export class RemediationEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: DbDefault<string>;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => RemediationItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<RemediationItem>;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  /** created | updated | status | verified | reopened … */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus!: string | null;

  /** The changed fields, before and after. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: DbDefault<Record<string, unknown>>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;
}
