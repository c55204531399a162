import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { audit } from '../audit/audit';
import { type NewSession, SessionService } from '../auth/session.service';
import { sha256Hex } from '../auth/tokens';
import { Clock } from '../common/clock';
import { ProblemException } from '../common/problem';

const linkInvalid = () =>
  new ProblemException(410, 'ACCESS_LINK_INVALID', {
    ja: 'このリンクは使用済みか期限切れです。最新の案内メールのリンクを開くか、依頼元にご連絡ください。',
    en: 'This link has already been used or has expired. Open the link in the latest email, or ask the buyer for a new one.',
  });

/**
 * Emailed links: a valid, unused, unexpired token signs the supplier's contact in at once (creating their
 * account without a password and a respondent membership of the supplier when needed). The token then stops
 * working; they come back with the password they set ("claim") or with the next emailed link.
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
    userAgent: string | undefined,
  ): Promise<{ assessmentId: string; needsPassword: boolean; session: NewSession }> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const [t] = await m.query<
        { id: string; assessment_id: string; email: string; supplier_id: string; usable: boolean }[]
      >(
        `SELECT t.id, t.assessment_id, t.email, a.supplier_id,
                (t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > $2) AS usable
           FROM assessment_access_tokens t JOIN assessments a ON a.id = t.assessment_id
          WHERE t.token_hash = $1
          FOR UPDATE OF t`,
        [sha256Hex(token), now],
      );
      if (!t || !t.usable) throw linkInvalid();
      await m.query('UPDATE assessment_access_tokens SET used_at = $2 WHERE id = $1', [t.id, now]);
      const email = t.email.toLowerCase();
      // The link reached this mailbox: an account created here is verified.
      await m.query(
        `INSERT INTO users (email, name, email_verified_at) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING`,
        [email, email.split('@')[0], this.clock.now()],
      );
      const [user] = await m.query<{ id: string; has_password: boolean }[]>(
        'SELECT id, password_hash IS NOT NULL AS has_password FROM users WHERE email = $1',
        [email],
      );
      const [member] = await m.query(
        'SELECT 1 FROM memberships WHERE user_id = $1 AND organization_id = $2',
        [user!.id, t.supplier_id],
      );
      if (!member) {
        await m.query(
          `INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'respondent')`,
          [user!.id, t.supplier_id],
        );
      }
      await audit(m, {
        organizationId: t.supplier_id,
        actorUserId: user!.id,
        action: 'assessment.link_redeemed',
        entityType: 'assessment',
        entityId: t.assessment_id,
      });
      const session = await this.sessions.create(m, user!.id, userAgent);
      return { assessmentId: t.assessment_id, needsPassword: !user!.has_password, session };
    });
  }
}
