import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { audit } from '../audit/audit';
import { Clock } from '../common/clock';
import { ProblemException } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Membership } from '../organizations/membership.entity';
import { normalizeEmail } from '../users/email';
import { User } from '../users/user.entity';
import { invalidCredentials, passwordWrong } from './auth.problems';
import type { MeDto } from './dto/auth.dto';
import { PasswordHasher } from './password-hasher';
import { RateLimiter } from './rate-limiter';
import { type NewSession, SessionService } from './session.service';

export interface LoginContext {
  ip: string;
  userAgent?: string;
  previousToken?: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly limiter: RateLimiter,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the password and opens a new session; a previous session on this browser is revoked (rotation).
   * The attempt is charged to the rate limits before the hash (RateLimiter.loginAttempt), so parallel guesses
   * cannot pass the limit. Only verified accounts sign in. A hash made with weaker parameters than today's is
   * replaced after a successful login.
   */
  async login(rawEmail: string, password: string, ctx: LoginContext): Promise<NewSession & { me: MeDto }> {
    const email = normalizeEmail(rawEmail);
    await this.limiter.loginAttempt(email, ctx.ip);
    const [user] = await this.db.query<{ id: string; password_hash: string | null }[]>(
      'SELECT id, password_hash FROM users WHERE email = $1 AND email_verified_at IS NOT NULL',
      [email],
    );
    const { ok, rehash } = await this.hasher.verify(password, user?.password_hash);
    if (!user || !ok) throw invalidCredentials();
    await this.limiter.loginSucceeded(email, ctx.ip);
    const upgraded = rehash ? await this.hasher.hash(password) : null;
    const session = await this.db.transaction(async (m) => {
      if (upgraded) {
        await m.query('UPDATE users SET password_hash = $2 WHERE id = $1 AND password_hash = $3', [
          user.id,
          upgraded,
          user.password_hash,
        ]);
      }
      await this.sessions.revokeByToken(m, ctx.previousToken);
      return this.sessions.create(m, user.id, ctx.userAgent);
    });
    return { ...session, me: await this.me(user.id) };
  }

  async me(userId: string): Promise<MeDto> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: userId });
    const memberships = await this.db
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoin('m.organization', 'o')
      .select(['m.organizationId AS "organizationId"', 'o.name AS "organizationName"', 'm.role AS "role"'])
      .where('m.userId = :userId', { userId })
      .orderBy('o.name')
      .addOrderBy('m.role')
      .getRawMany<MeDto['memberships'][number]>();
    return { user: { id: user.id, email: user.email, name: user.name, locale: user.locale }, memberships };
  }

  /** Sets the first password of an account created through an emailed link. Refused once a password exists. */
  async claim(userId: string, name: string, password: string): Promise<MeDto> {
    const alreadyClaimed = () =>
      new ProblemException(409, 'ACCOUNT_ALREADY_CLAIMED', {
        ja: 'このアカウントにはすでにパスワードが設定されています。',
        en: 'This account already has a password.',
      });
    // Cheap checks first: a claimed account never reaches the hash.
    const [row] = await this.db.query<{ has: boolean }[]>(
      'SELECT password_hash IS NOT NULL AS has FROM users WHERE id = $1',
      [userId],
    );
    if (!row || row.has) throw alreadyClaimed();
    await this.limiter.consume([{ key: this.limiter.key('claim', userId), limit: this.accountLimit() }]);
    const passwordHash = await this.hasher.hash(password);
    const [updated] = await this.db.query<{ id: string }[]>(
      `WITH claimed AS (
         UPDATE users SET password_hash = $2, name = $3 WHERE id = $1 AND password_hash IS NULL RETURNING id)
       SELECT id FROM claimed`,
      [userId, passwordHash, name.trim()],
    );
    if (!updated) throw alreadyClaimed();
    return this.me(userId);
  }

  /**
   * Changes the password: the current one is required (with the login back-off, before any hash). Every
   * session of the account ends, this browser's included; a new session is returned for this browser.
   */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
    ctx: LoginContext,
  ): Promise<NewSession> {
    const [user] = await this.db.query<{ email: string; password_hash: string | null }[]>(
      'SELECT email, password_hash FROM users WHERE id = $1',
      [userId],
    );
    if (!user) throw invalidCredentials();
    if (!user.password_hash) {
      throw new ProblemException(409, 'NO_PASSWORD_YET', {
        ja: 'このアカウントにはまだパスワードがありません。先にパスワードを設定してください。',
        en: 'This account has no password yet. Set one first.',
      });
    }
    await this.limiter.loginAttempt(user.email, ctx.ip);
    const { ok } = await this.hasher.verify(currentPassword, user.password_hash);
    if (!ok) throw passwordWrong('currentPassword');
    await this.limiter.loginSucceeded(user.email, ctx.ip);
    const passwordHash = await this.hasher.hash(newPassword);
    return this.db.transaction(async (m) => {
      await m.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
      const ended = await this.sessions.revokeAllForUser(m, userId);
      await audit(m, {
        organizationId: null,
        actorUserId: userId,
        action: 'user.password_changed',
        entityType: 'user',
        entityId: userId,
        after: { sessionsEnded: ended, at: this.clock.now().toISOString() },
      });
      return this.sessions.create(m, userId, ctx.userAgent);
    });
  }

  /** Ends every session of the account, on every device (this one included). */
  async signOutEverywhere(userId: string): Promise<number> {
    return this.db.transaction(async (m) => {
      const ended = await this.sessions.revokeAllForUser(m, userId);
      await audit(m, {
        organizationId: null,
        actorUserId: userId,
        action: 'user.signed_out_everywhere',
        entityType: 'user',
        entityId: userId,
        after: { sessionsEnded: ended },
      });
      return ended;
    });
  }

  private accountLimit() {
    return { max: this.config.LOGIN_MAX_ATTEMPTS, windowMs: this.config.LOGIN_WINDOW_SECONDS * 1000 };
  }
}
