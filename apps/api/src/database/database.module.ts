import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { KYSELY, kyselyOnPool } from './db';

/** The pg pool TypeORM opened (one pool per process; Kysely queries share it). */
export const poolOf = (ds: DataSource): Pool => (ds.driver as unknown as { master: Pool }).master;

/**
 * Provides {@link KYSELY}: the typed query builder every repository uses, on TypeORM's connection pool. TypeORM
 * keeps the schema (entities, migrations, drift check) and owns the pool's lifetime.
 */
@Global()
@Module({
  providers: [
    {
      provide: KYSELY,
      inject: [getDataSourceToken()],
      useFactory: (ds: DataSource) => kyselyOnPool(poolOf(ds)),
    },
  ],
  exports: [KYSELY],
})
export class DatabaseModule {}
