import { isUuid } from '../common/ids';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { audit } from '../audit/audit';
import { API_TOKEN_PREFIX, newToken, sha256Hex } from '../auth/tokens';
import { Clock } from '../common/clock';
import { problem } from '../common/problem';
import type { ApiTokenCreatedDto, ApiTokenDto, ApiTokenListDto } from './dto/api-token.dto';

interface Row {
  id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toDto = (r: Row): ApiTokenDto => ({
  id: r.id,
  name: r.name,
  createdAt: new Date(r.created_at).toISOString(),
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});

/** An organization's read-only API tokens for its BI tools (see SessionGuard / @ApiTokenReadable). */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(orgId: string, userId: string, name: string): Promise<ApiTokenCreatedDto> {
    const token = `${API_TOKEN_PREFIX}${newToken()}`;
    return this.db.transaction(async (m) => {
      const [row] = await m.query<Row[]>(
        `INSERT INTO api_tokens (organization_id, name, token_hash, created_by) VALUES ($1, $2, $3, $4)
         RETURNING id, name, created_at, last_used_at, revoked_at`,
        [orgId, name.trim(), sha256Hex(token), userId],
      );
      await audit(m, {
        organizationId: orgId,
        actorUserId: userId,
        action: 'api_token.create',
        entityType: 'api_token',
        entityId: row!.id,
        after: { name: row!.name },
      });
      return { ...toDto(row!), token };
    });
  }

  async list(orgId: string): Promise<ApiTokenListDto> {
    const rows = await this.db.query<Row[]>(
      `SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
        WHERE organization_id = $1 ORDER BY created_at DESC`,
      [orgId],
    );
    return { items: rows.map(toDto) };
  }

  async revoke(orgId: string, userId: string, tokenId: string): Promise<void> {
    if (!isUuid(tokenId)) throw problem.notFound();
    await this.db.transaction(async (m) => {
      const [, count] = (await m.query(
        `UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND organization_id = $2 AND revoked_at IS NULL`,
        [tokenId, orgId, this.clock.now()],
      )) as [unknown, number];
      if (!count) throw problem.notFound();
      await audit(m, {
        organizationId: orgId,
        actorUserId: userId,
        action: 'api_token.revoke',
        entityType: 'api_token',
        entityId: tokenId,
      });
    });
  }
}
