import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DbDefault } from '../database/table-types';
import { USER_LOCALES, type UserLocale } from '../users/user.entity';
import type { SizeBand } from './organization.entity';

/** The organization a sign-up asks for, created only once the email address is verified. */
export interface SignupOrganization {
  name: string;
  corporateNumber: string | null;
  sizeBand: SizeBand;
  industry: string;
}

/**
 * A sign-up waiting for its email address to be verified. Nothing else exists yet: no user, no organization, no
 * membership, so a sign-up with someone else's address gives its author nothing. The verification link's token
 * is issued when the email is sent (only its SHA-256 is kept, with its expiry); the person then confirms with
 * the password chosen at sign-up, which becomes the account's. Verifying deletes this and every other request for
 * the same address (so a link works once).
 */
@Entity({ name: 'signup_requests' })
@Index('ix_signup_requests_email', ['email'])
@Index('uq_signup_requests_token_hash', ['tokenHash'], { unique: true })
export class SignupRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: DbDefault<string>;

  /** Normalized (see normalizeEmail). */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: USER_LOCALES, enumName: 'user_locale', default: 'ja' })
  locale!: DbDefault<UserLocale>;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'jsonb' })
  organization!: SignupOrganization;

  @Column({ name: 'token_hash', type: 'char', length: 64, nullable: true })
  tokenHash!: string | null;

  /** Set with the token, when the verification email is sent. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: DbDefault<Date>;
}
