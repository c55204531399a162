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
 * A link the supplier has not accepted yet: `pending` until an admin of the organization that holds the link's
 * 法人番号 accepts (or names its own contact) or declines it. Null once accepted, and for links that never had a
 * 法人番号 to ask about. See network/supplier-requests.ts.
 */
export const REQUEST_STATUSES = ['pending', 'declined'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * "buyer buys from supplier". Owned by the buyer: only the buyer's members read or change it. Tiers are
 * relative to whoever looks: a buyer's own links are its Tier 1; links its Tier 1 suppliers declared (and
 * chose to disclose upstream) are its Tier 2.
 */
@Entity({ name: 'supply_links' })
@Index('uq_supply_links_buyer_supplier', ['buyerId', 'supplierId'], { unique: true })
@Index('ix_supply_links_supplier', ['supplierId'])
@Index('uq_supply_links_buyer_corporate_number', ['buyerId', 'corporateNumber'], {
  unique: true,
  where: 'corporate_number IS NOT NULL',
})
@Index('ix_supply_links_request', ['corporateNumber'], { where: "request_status = 'pending'" })
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

  /**
   * The 法人番号 the buyer typed. Until the supplier accepts, the link may point to an organization of the
   * buyer's own (named as the buyer typed it) rather than to the registered organization holding that number,
   * so that the buyer learns nothing about the latter; this column keeps the number either way.
   */
  @Column({ name: 'corporate_number', type: 'char', length: 13, nullable: true })
  corporateNumber!: string | null;

  @Column({
    name: 'request_status',
    type: 'enum',
    enum: REQUEST_STATUSES,
    enumName: 'supplier_request_status',
    nullable: true,
  })
  requestStatus!: RequestStatus | null;

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
