/**
 * CI check: migrate an empty database, then ask TypeORM what it would still change. Any pending change means
 * an entity was edited without a migration. Exit 1 and print the SQL in that case.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options';
import { pendingSchemaChanges } from '../apps/api/src/database/schema-diff';
import { withDatabase } from './db-url';

async function main(): Promise<void> {
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tierstar_drift_${process.pid}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  let failed = false;
  try {
    const ds = await new DataSource(dataSourceOptions(withDatabase(admin, name))).initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const { up } = await pendingSchemaChanges(ds);
      if (up.length > 0) {
        failed = true;
        console.error('Migration drift: the entities differ from what the migrations create. Pending SQL:');
        for (const q of up) console.error(`  ${q}`);
        console.error('Run `npm run migration:generate -- <Name>` and commit the migration.');
      } else {
        console.log('migration drift check: entities and migrations agree');
      }
      // Every migration must also roll back cleanly.
      for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
  } finally {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.end();
  }
  if (failed) process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
