import { Inject, Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import { type DB, type Db, KYSELY } from '../database/db';

/** An API token as stored (never the secret: only its SHA-256). */
export type ApiTokenRow = Pick<
  Selectable<DB['api_tokens']>,
  'id' | 'name' | 'createdAt' | 'lastUsedAt' | 'revokedAt'
>;

const COLUMNS = ['id', 'name', 'createdAt', 'lastUsedAt', 'revokedAt'] as const;

/** Every statement on `api_tokens`. Methods take the transaction's `db` when they run inside one. */
@Injectable()
export class ApiTokensRepository {
  constructor(@Inject(KYSELY) private readonly db: Db) {}

  insert(
    db: Db,
    row: { organizationId: string; name: string; tokenHash: string; createdBy: string },
  ): Promise<ApiTokenRow> {
    return db.insertInto('api_tokens').values(row).returning(COLUMNS).executeTakeFirstOrThrow();
  }

  /** The organization's tokens, newest first. */
  listOf(organizationId: string): Promise<ApiTokenRow[]> {
    return this.db
      .selectFrom('api_tokens')
      .select(COLUMNS)
      .where('organizationId', '=', organizationId)
      .orderBy('createdAt', 'desc')
      .execute();
  }

  /** Revokes a token of the organization that is not revoked yet; false when there is none. */
  async revoke(db: Db, organizationId: string, id: string, at: Date): Promise<boolean> {
    const r = await db
      .updateTable('api_tokens')
      .set({ revokedAt: at })
      .where('id', '=', id)
      .where('organizationId', '=', organizationId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /** The token's id and organization while it is not revoked, recording its use. */
  use(tokenHash: string, at: Date): Promise<{ id: string; organizationId: string } | undefined> {
    return this.db
      .updateTable('api_tokens')
      .set({ lastUsedAt: at })
      .where('tokenHash', '=', tokenHash)
      .where('revokedAt', 'is', null)
      .returning(['id', 'organizationId'])
      .executeTakeFirst();
  }
}
