import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DbDefault } from '../database/table-types';

export const USER_LOCALES = ['ja', 'en'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

@Entity({ name: 'users' })
@Index('uq_users_email', ['email'], { unique: true })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  /** Always stored lower-cased (see normalizeEmail), so a plain unique index is case-insensitive. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  /**
   * When the person proved they read this mailbox (a verified sign-up, an accepted invitation, a redeemed
   * emailed link). Only verified accounts sign in, count as platform operators or receive memberships. Every
   * code path that creates a user sets it: a row exists only for a proven mailbox.
   */
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  /** scrypt hash; null until an invited person sets a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ type: 'enum', enum: USER_LOCALES, enumName: 'user_locale', default: 'ja' })
  locale!: DbDefault<UserLocale>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;
}
