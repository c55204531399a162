import 'reflect-metadata';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { withDatabase } from '../../scripts/db-url';
import { newTestRunId, templateDb, TEST_PG_ADMIN_URL, TEST_REDIS_URL, testRunStartedAt } from './services';

/** Databases of runs that started longer ago than this were left by a killed run (a run takes minutes). */
const STALE_AFTER_MS = 6 * 3600_000;

/**
 * Runs once per jest run: checks the real services are up and builds a migrated template database that
 * every test file clones (CREATE DATABASE … TEMPLATE), so tests never touch demo data or each other.
 */
export default async function globalSetup(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL} (start it, e.g. .ci/run does): ${String(e)}`,
    );
  } finally {
    redis.disconnect();
  }

  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_PG_ADMIN_URL}: ${String(e)}`);
  }
  try {
    const { rows } = await admin.query<{ ms: string }>(`SELECT extract(epoch FROM now()) * 1000 AS ms`);
    const serverNow = Number(rows[0]!.ms);
    process.env.TIERSTAR_TEST_RUN = newTestRunId(serverNow);
    const TEMPLATE_DB = templateDb();
    // A killed run never reaches its teardown: drop what such runs left behind (never a live run's).
    // Ages are read on the database server's clock (see newTestRunId).
    const { rows: existing } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'tierstar\\_test\\_%'`,
    );
    for (const { datname } of existing) {
      const started = testRunStartedAt(datname);
      if (started !== null && serverNow - started > STALE_AFTER_MS) {
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    // Built by hand (not dataSourceOptions) and without entities: jest's globalSetup does not apply the
    // workspace path aliases that entity files import. Migrations alone build the schema.
    const ds = await new DataSource({
      type: 'postgres',
      url: withDatabase(TEST_PG_ADMIN_URL, TEMPLATE_DB),
      migrations: MIGRATIONS,
      migrationsTableName: 'typeorm_migrations',
    }).initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
  } finally {
    await admin.end();
  }
}
