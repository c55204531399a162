import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { audit } from '../audit/audit';
import { type NewSession, SessionService } from '../auth/session.service';
import { sha256Hex } from '../auth/tokens';
import { Clock } from '../common/clock';
import { ProblemException } from '../common/problem';
import { contactHeldSql } from '../network/supplier-requests';

const linkInvalid = () =>
  new ProblemException(410, 'ACCESS_LINK_INVALID', {
    ja: 'このリンクは使用済みか期限切れです。最新の案内メールのリンクを開くか、依頼元にご連絡ください。',
    en: 'This link has already been used or has expired. Open the link in the latest email, or ask the buyer for a new one.',
  });

const otherAccount = (linkEmail: string, currentEmail: string) =>
  new ProblemException(
    409,
    'ACCESS_LINK_OTHER_ACCOUNT',
    {
      ja: `このリンクは ${linkEmail} あてに送られたものです。いまは ${currentEmail} でログインしています。切り替えると、${currentEmail} からはログアウトします。`,
      en: `This link was sent to ${linkEmail}. You are signed in as ${currentEmail}; switching signs you out of that account.`,
    },
    undefined,
    undefined,
    { linkEmail, currentEmail },
  );

/** Who is signed in on the browser that opens the link, if anyone. */
export interface CurrentSession {
  userId: string;
  token: string;
}

/**
 * Emailed links: a valid, unused, unexpired token signs the person it was sent to in (creating their account
 * without a password when needed) and makes them a guest of that one assessment — never a member of the
 * supplier organization. Opening the link proves they own the mailbox. The token then stops working; they
 * come back with the password they set ("claim") or with the next emailed link.
 *
 * A browser already signed in as someone else is never switched silently: without `switchAccount` the answer
 * is 409 ACCESS_LINK_OTHER_ACCOUNT naming both addresses, and the link stays unused.
 */
@Injectable()
export class AccessLinksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  async redeem(
    token: string,
    ctx: { userAgent?: string; current?: CurrentSession; switchAccount?: boolean },
  ): Promise<{ assessmentId: string; needsPassword: boolean; session: NewSession }> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const [t] = await m.query<
        { id: string; assessment_id: string; email: string; supplier_id: string; usable: boolean }[]
      >(
        `SELECT t.id, t.assessment_id, t.email, a.supplier_id,
                (t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > $2
                 AND NOT ${contactHeldSql('a')}) AS usable
           FROM assessment_access_tokens t JOIN assessments a ON a.id = t.assessment_id
          WHERE t.token_hash = $1
          FOR UPDATE OF t`,
        [sha256Hex(token), now],
      );
      if (!t || !t.usable) throw linkInvalid();
      const email = t.email.toLowerCase();
      if (ctx.current) {
        const [signedIn] = await m.query<{ email: string }[]>('SELECT email FROM users WHERE id = $1', [
          ctx.current.userId,
        ]);
        if (signedIn && signedIn.email !== email && !ctx.switchAccount) {
          throw otherAccount(email, signedIn.email);
        }
      }
      await m.query('UPDATE assessment_access_tokens SET used_at = $2 WHERE id = $1', [t.id, now]);
      // The link reached this mailbox: an account created here is verified.
      await m.query(
        `INSERT INTO users (email, name, email_verified_at) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING`,
        [email, email.split('@')[0], now],
      );
      const [user] = await m.query<{ id: string; has_password: boolean }[]>(
        'SELECT id, password_hash IS NOT NULL AS has_password FROM users WHERE email = $1',
        [email],
      );
      // Opening the emailed link proves they own the mailbox it was sent to.
      await m.query('UPDATE users SET email_verified_at = $2 WHERE id = $1 AND email_verified_at IS NULL', [
        user!.id,
        now,
      ]);
      await m.query(
        `INSERT INTO assessment_guests (assessment_id, user_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (assessment_id, user_id) DO NOTHING`,
        [t.assessment_id, user!.id, now],
      );
      await audit(m, {
        organizationId: t.supplier_id,
        actorUserId: user!.id,
        action: 'assessment.link_redeemed',
        entityType: 'assessment',
        entityId: t.assessment_id,
      });
      // The browser's previous session ends (rotation, as at login), whoever it belonged to.
      await this.sessions.revokeByToken(m, ctx.current?.token);
      const session = await this.sessions.create(m, user!.id, ctx.userAgent);
      return { assessmentId: t.assessment_id, needsPassword: !user!.has_password, session };
    });
  }
}
