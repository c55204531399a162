import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import type { EntityManager } from 'typeorm';
import { camelCase, type DB, type Db } from './db';

/**
 * Transitional: a Kysely bound to a TypeORM EntityManager's connection, so a repository can run inside a
 * transaction a not-yet-converted service opened with `dataSource.transaction(m => …)`. New code opens Kysely
 * transactions (`db.transaction().execute(tx => …)`) and never needs this.
 */
export function kyselyFor(m: EntityManager): Db {
  const connection: DatabaseConnection = {
    async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
      const runner = m.queryRunner ?? m.connection.createQueryRunner();
      try {
        const r = await runner.query(q.sql, [...q.parameters], true);
        return { rows: (r.records ?? []) as R[], numAffectedRows: BigInt(r.affected ?? 0) };
      } finally {
        if (!m.queryRunner) await runner.release();
      }
    },
    streamQuery(): AsyncIterableIterator<QueryResult<never>> {
      throw new Error('streaming is not supported through an EntityManager');
    },
  };
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: async () => {
      throw new Error('the EntityManager owns the transaction');
    },
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: [camelCase()],
  });
}
