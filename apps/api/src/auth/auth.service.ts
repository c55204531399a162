import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ProblemException } from '../common/problem';
import { Membership } from '../organizations/membership.entity';
import { normalizeEmail } from '../users/email';
import { User } from '../users/user.entity';
import type { MeDto } from './dto/auth.dto';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { LoginRateLimiter } from './rate-limiter';
import { type NewSession, SessionService } from './session.service';

const invalidCredentials = () =>
  new ProblemException(401, 'AUTH_INVALID_CREDENTIALS', {
    ja: 'メールアドレスまたはパスワードが違います。',
    en: 'The email or password is wrong.',
  });

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly limiter: LoginRateLimiter,
  ) {}

  /** Checks the password and opens a new session; a previous session on this browser is revoked (rotation). */
  async login(
    rawEmail: string,
    password: string,
    ctx: { ip: string; userAgent?: string; previousToken?: string },
  ): Promise<NewSession & { me: MeDto }> {
    const email = normalizeEmail(rawEmail);
    await this.limiter.assertAllowed(email, ctx.ip);
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !user.passwordHash || !ok) {
      await this.limiter.recordFailure(email, ctx.ip);
      throw invalidCredentials();
    }
    await this.limiter.reset(email);
    const session = await this.db.transaction(async (m) => {
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
    const passwordHash = await hashPassword(password);
    const result = await this.db
      .getRepository(User)
      .update({ id: userId, passwordHash: IsNull() }, { passwordHash, name: name.trim() });
    if (!result.affected) {
      throw new ProblemException(409, 'ACCOUNT_ALREADY_CLAIMED', {
        ja: 'このアカウントにはすでにパスワードが設定されています。',
        en: 'This account already has a password.',
      });
    }
    return this.me(userId);
  }
}
