import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const USER_LOCALES = ['ja', 'en'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

@Entity({ name: 'users' })
@Index('uq_users_email', ['email'], { unique: true })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Always stored lower-cased (see normalizeEmail), so a plain unique index is case-insensitive. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  /** scrypt hash; null until an invited person sets a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  /** When the person proved they own the address (emailed link); null until then. */
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  @Column({ type: 'enum', enum: USER_LOCALES, enumName: 'user_locale', default: 'ja' })
  locale!: UserLocale;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
