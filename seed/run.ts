/** npm run seed — migrates nothing; seeds demo data into DATABASE_URL (idempotent) and prints the logins. */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const { created } = await seedDemo(ds);
    console.log(created > 0 ? `demo data: ${created} rows created` : 'demo data: already present');
    console.log('\nDemo logins (password for all: ' + DEMO_PASSWORD + ')');
    for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(26)} ${u.role.padEnd(12)} ${u.name}`);
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
