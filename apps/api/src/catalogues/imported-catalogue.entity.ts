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
import type { Catalogue } from '@tierstar/guidelines';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';

export const IMPORT_FORMATS = ['meti-csv', 'meti-xlsx', 'oscal-json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * A catalogue version an organization imported from a publisher's official file. Owned by that organization:
 * only its members read it. The whole validated catalogue is stored as jsonb; one row per (catalogue id,
 * version) per organization.
 */
@Entity({ name: 'imported_catalogues' })
@Index('uq_imported_catalogues_org_catalogue_version', ['organizationId', 'catalogueId', 'version'], {
  unique: true,
})
export class ImportedCatalogue {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ name: 'catalogue_id', type: 'text' })
  catalogueId!: string;

  @Column({ type: 'text' })
  version!: string;

  /** SHA-256 (hex) of the uploaded file. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'source_format', type: 'text' })
  sourceFormat!: ImportFormat;

  @Column({ type: 'jsonb' })
  catalogue!: Catalogue;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;
}
