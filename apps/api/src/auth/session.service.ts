import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { AuthContext } from './auth.types';
import { Session } from './session.entity';
import { API_TOKEN_PREFIX, newToken, sha256Hex } from './tokens';

@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Creates a session and returns its secret token (only the hash is stored). */
  async create(
    manager: EntityManager,
    userId: string,
    userAgent: string | undefined,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.SESSION_TTL_HOURS * 3600_000);
    await manager.insert(Session, {
      tokenHash: sha256Hex(token),
      userId,
      createdAt: now,
      expiresAt,
      userAgent: userAgent?.slice(0, 500) ?? null,
    });
    return { token, expiresAt };
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

  /** Resolves a BI API token (`tst_…`): its id and organization while it is not revoked. */
  async resolveApiToken(token: string): Promise<{ tokenId: string; organizationId: string } | null> {
    if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
    const [row] = await this.db.query<{ id: string; organization_id: string }[]>(
      `WITH used AS (
         UPDATE api_tokens SET last_used_at = $2
          WHERE token_hash = $1 AND revoked_at IS NULL
          RETURNING id, organization_id)
       SELECT id, organization_id FROM used`,
      [sha256Hex(token), this.clock.now()],
    );
    return row ? { tokenId: row.id, organizationId: row.organization_id } : null;
  }

  async revokeByToken(manager: EntityManager, token: string | undefined): Promise<void> {
    if (!token || token.length > 200) return;
    await manager.query(`UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`, [
      sha256Hex(token),
      this.clock.now(),
    ]);
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
      this.clock.now(),
    ]);
  }

  /** Ends every live session of a user (sign out everywhere, password change, account take-over). */
  async revokeAllForUser(manager: EntityManager, userId: string): Promise<number> {
    const [row] = await manager.query<{ n: number }[]>(
      `WITH ended AS (
         UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id)
       SELECT count(*)::int AS n FROM ended`,
      [userId, this.clock.now()],
    );
    return row?.n ?? 0;
  }
}
