import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DbDefault } from '../database/table-types';

export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

@Entity({ name: 'organizations' })
@Index('uq_organizations_corporate_number', ['corporateNumber'], {
  unique: true,
  where: 'corporate_number IS NOT NULL',
})
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  @Column({ type: 'text' })
  name!: string;

  /** 法人番号: 13 digits, the first a check digit. Null for organizations without one (e.g. abroad). */
  @Column({ name: 'corporate_number', type: 'char', length: 13, nullable: true })
  corporateNumber!: string | null;

  /** Null when not known yet (a supplier added by its buyer fills it in itself). */
  @Column({ name: 'size_band', type: 'enum', enum: SIZE_BANDS, enumName: 'size_band', nullable: true })
  sizeBand!: SizeBand | null;

  @Column({ type: 'text', default: '' })
  industry!: DbDefault<string>;

  /** Prefecture (都道府県) of the main site, for regional filters; empty when unknown. */
  @Column({ type: 'text', default: '' })
  region!: DbDefault<string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: DbDefault<Date>;
}
