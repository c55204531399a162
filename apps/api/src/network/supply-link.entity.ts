import {
  Check,
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
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];
export const LINK_STATUSES = ['active', 'inactive'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/**
 * "buyer buys from supplier". Owned by the buyer: only the buyer's members read or change it. Tiers are
 * relative to whoever looks: a buyer's own links are its Tier 1; links its Tier 1 suppliers declared (and
 * chose to disclose upstream) are its Tier 2.
 */
@Entity({ name: 'supply_links' })
@Index('uq_supply_links_buyer_supplier', ['buyerId', 'supplierId'], { unique: true })
@Index('ix_supply_links_supplier', ['supplierId'])
@Check('ck_supply_links_not_self', '"buyer_id" <> "supplier_id"')
export class SupplyLink {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'buyer_id' })
  buyer?: Relation<Organization>;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Relation<Organization>;

  @Column({ type: 'enum', enum: CRITICALITIES, enumName: 'criticality', default: 'medium' })
  criticality!: DbDefault<Criticality>;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: DbDefault<string[]>;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'enum', enum: LINK_STATUSES, enumName: 'link_status', default: 'active' })
  status!: DbDefault<LinkStatus>;

  /** The buyer's staff member who owns the relationship (second-to-last step of the escalation ladder). */
  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_user_id' })
  owner?: Relation<User>;

  /** The buyer lets its own customers see this link (i.e. see this supplier as their Tier 2). */
  @Column({ name: 'disclose_upstream', type: 'boolean', default: false })
  discloseUpstream!: DbDefault<boolean>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: DbDefault<Date>;
}
