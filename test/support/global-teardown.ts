import { Client } from 'pg';
import { TEST_PG_ADMIN_URL, testDbPrefix } from './services';

/** Drops every database this run created (other runs' databases are left alone). */
export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [testDbPrefix()],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
