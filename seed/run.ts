/**
 * npm run seed — migrates nothing; seeds demo data into DATABASE_URL (idempotent): the network and users, then a
 * launched demo campaign (needs REDIS_URL, where its invitation emails are queued). Prints the logins.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../apps/api/src/app.module';
import { loadConfig } from '../apps/api/src/config/config';
import { seedDemoCampaign } from './demo-campaign';
import { assertSeedAllowed, DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo';

async function main(): Promise<void> {
  assertSeedAllowed();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const config = loadConfig({ ...process.env, ROLE: 'api', LOG_LEVEL: 'warn' });
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const { created } = await seedDemo(ds, config.PASSWORD_HASH_COST);
    console.log(created > 0 ? `demo data: ${created} rows created` : 'demo data: already present');
    // The demo campaign goes through the app's own services (and queues its invitation emails in Redis).
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: ['error', 'warn'],
    });
    try {
      const campaign = await seedDemoCampaign(app);
      console.log(
        campaign.created
          ? 'demo campaign: launched (invitations are in the inbox)'
          : 'demo campaign: already present',
      );
    } finally {
      await app.close();
    }
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
