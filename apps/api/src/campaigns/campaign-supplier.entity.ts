import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation, DbDefault } from '../database/table-types';
import { Organization } from '../organizations/organization.entity';
import { Campaign } from './campaign.entity';

/** Answers to the three triage questions (the scheme's test for important partners). */
export interface Triage {
  /** Handles the buyer's important confidential information. */
  confidential: boolean;
  /** Critical to the buyer's business continuity. */
  continuity: boolean;
  /** Its environment can reach the buyer's internal systems. */
  networkAccess: boolean;
}

/** One supplier chosen for a campaign, with its triage and target level. */
@Entity({ name: 'campaign_suppliers' })
@Index('uq_campaign_suppliers', ['campaignId', 'supplierId'], { unique: true })
export class CampaignSupplier {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Relation<Campaign>;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Relation<Organization>;

  /** Tier as seen from the buyer when the supplier was chosen. */
  @Column({ type: 'smallint' })
  tier!: number;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  triage!: Triage | null;

  /** Level the triage suggests (catalogue rank), null for catalogues without levels. */
  @Column({ name: 'suggested_level', type: 'smallint', nullable: true })
  suggestedLevel!: number | null;

  /** Level asked for (catalogue rank); the suggestion unless the buyer overrode it. */
  @Column({ name: 'target_level', type: 'smallint', nullable: true })
  targetLevel!: number | null;
}
