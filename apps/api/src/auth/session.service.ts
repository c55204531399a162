import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { AuthContext } from './auth.types';
import { Session } from './session.entity';
import { newToken, sha256Hex } from './tokens';

@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates a session and returns its secret token (only the hash is stored). */
  async create(
    manager: EntityManager,
    userId: string,
    userAgent: string | undefined,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3600_000);
    await manager.insert(Session, {
      tokenHash: sha256Hex(token),
      userId,
      expiresAt,
      userAgent: userAgent?.slice(0, 500) ?? null,
    });
    return { token, expiresAt };
  }

  async resolve(token: string): Promise<AuthContext | null> {
    if (token.length > 200) return null;
    const session = await this.db.getRepository(Session).findOne({
      where: { tokenHash: sha256Hex(token), revokedAt: IsNull() },
      select: { id: true, userId: true, expiresAt: true },
    });
    if (!session || session.expiresAt.getTime() <= Date.now()) return null;
    return { userId: session.userId, sessionId: session.id };
  }

  async revokeByToken(manager: EntityManager, token: string | undefined): Promise<void> {
    if (!token) return;
    await manager.update(
      Session,
      { tokenHash: sha256Hex(token), revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db
      .getRepository(Session)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
