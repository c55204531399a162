import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { AuthContext } from './auth.types';
import { Session } from './session.entity';
import { newToken, sha256Hex } from './tokens';

/** A new session's secret and lifetime (`maxAgeMs` from the Clock's now, for the cookie's Max-Age). */
export interface NewSession {
  token: string;
  expiresAt: Date;
  maxAgeMs: number;
}

@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Creates a session and returns its secret token (only the hash is stored). */
  async create(manager: EntityManager, userId: string, userAgent: string | undefined): Promise<NewSession> {
    const token = newToken();
    const maxAgeMs = this.config.SESSION_TTL_HOURS * 3600_000;
    const expiresAt = new Date(this.clock.now().getTime() + maxAgeMs);
    await manager.insert(Session, {
      tokenHash: sha256Hex(token),
      userId,
      expiresAt,
      userAgent: userAgent?.slice(0, 500) ?? null,
    });
    return { token, expiresAt, maxAgeMs };
  }

  async resolve(token: string): Promise<AuthContext | null> {
    if (token.length > 200) return null;
    // Runs on every request: one indexed lookup, without the ORM's query building.
    const [session] = await this.db.query<{ id: string; user_id: string }[]>(
      `SELECT id, user_id FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
      [sha256Hex(token), this.clock.now()],
    );
    return session ? { userId: session.user_id, sessionId: session.id } : null;
  }

  async revokeByToken(manager: EntityManager, token: string | undefined): Promise<void> {
    if (!token || token.length > 200) return;
    await manager.update(
      Session,
      { tokenHash: sha256Hex(token), revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db
      .getRepository(Session)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /** Ends every live session of a user (sign out everywhere, password change, account take-over). */
  async revokeAllForUser(manager: EntityManager, userId: string): Promise<number> {
    const result = await manager.update(
      Session,
      { userId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    return result.affected ?? 0;
  }
}
