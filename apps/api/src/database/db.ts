import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import type { Pool } from 'pg';
import type { TABLES } from './entities';
import type { TableOf } from './table-types';

/**
 * The database as Kysely sees it, derived from the entities (the one source of row types, see
 * `TABLES` in entities.ts): renaming a property fails typecheck wherever a query uses it.
 */
export type DB = { [T in keyof typeof TABLES]: TableOf<InstanceType<(typeof TABLES)[T]>> };

/** A Kysely handle: the pool's, or a transaction's (`Transaction<DB>` is a `Kysely<DB>`). */
export type Db = Kysely<DB>;

/** Nest DI token for the app's {@link Db}. */
export const KYSELY = Symbol('KYSELY');

/**
 * Queries are written with property names (camelCase); the plugin turns identifiers into snake_case columns
 * and result keys back. jsonb values keep their keys as stored (`maintainNestedObjectKeys`).
 */
export const camelCase = () => new CamelCasePlugin({ maintainNestedObjectKeys: true });

/** A Kysely over an existing pg pool (TypeORM's own, so both share connections). Never destroyed by itself. */
export function kyselyOnPool(pool: Pool): Db {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [camelCase()] });
}
