import { Inject, Injectable } from '@nestjs/common';
import { audit } from '../audit/audit';
import { API_TOKEN_PREFIX, newToken, sha256Hex } from '../auth/tokens';
import { Clock } from '../common/clock';
import { isUuid } from '../common/ids';
import { problem } from '../common/problem';
import { type Db, KYSELY } from '../database/db';
import { looksLikeApiToken, tokenName, toApiTokenDto } from './api-tokens.policy';
import { ApiTokensRepository } from './api-tokens.repository';
import type { ApiTokenCreatedDto, ApiTokenListDto } from './dto/api-token.dto';

/** An organization's read-only API tokens for its BI tools (see SessionGuard / @ApiTokenReadable). */
@Injectable()
export class ApiTokensService {
  constructor(
    @Inject(KYSELY) private readonly db: Db,
    private readonly tokens: ApiTokensRepository,
    private readonly clock: Clock,
  ) {}

  async create(orgId: string, userId: string, name: string): Promise<ApiTokenCreatedDto> {
    const token = `${API_TOKEN_PREFIX}${newToken()}`;
    return this.db.transaction().execute(async (tx) => {
      const row = await this.tokens.insert(tx, {
        organizationId: orgId,
        name: tokenName(name),
        tokenHash: sha256Hex(token),
        createdBy: userId,
      });
      await audit(tx, {
        organizationId: orgId,
        actorUserId: userId,
        action: 'api_token.create',
        entityType: 'api_token',
        entityId: row.id,
        after: { name: row.name },
      });
      return { ...toApiTokenDto(row), token };
    });
  }

  async list(orgId: string): Promise<ApiTokenListDto> {
    return { items: (await this.tokens.listOf(orgId)).map(toApiTokenDto) };
  }

  async revoke(orgId: string, userId: string, tokenId: string): Promise<void> {
    if (!isUuid(tokenId)) throw problem.notFound();
    await this.db.transaction().execute(async (tx) => {
      if (!(await this.tokens.revoke(tx, orgId, tokenId, this.clock.now()))) throw problem.notFound();
      await audit(tx, {
        organizationId: orgId,
        actorUserId: userId,
        action: 'api_token.revoke',
        entityType: 'api_token',
        entityId: tokenId,
      });
    });
  }

  /** Resolves a presented BI token (`tst_…`): its id and organization while it is not revoked. */
  async resolve(token: string): Promise<{ tokenId: string; organizationId: string } | null> {
    if (!looksLikeApiToken(token)) return null;
    const row = await this.tokens.use(sha256Hex(token), this.clock.now());
    return row ? { tokenId: row.id, organizationId: row.organizationId } : null;
  }
}
