/**
 * Writes docs/openapi.json from the code (controllers and DTO decorators), without a database or Redis:
 * Nest's preview mode builds the module graph but instantiates no providers.
 *   npm run openapi           — regenerate
 *   npm run openapi -- --check — exit 1 when the committed file is out of date
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../apps/api/src/app.module';
import { buildOpenApiDocument } from '../apps/api/src/app.setup';
import { loadConfig } from '../apps/api/src/config/config';

async function main(): Promise<void> {
  const config = loadConfig({ DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none', ROLE: 'api' });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  app.setGlobalPrefix('api');
  const json = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  const file = join(__dirname, '..', 'docs', 'openapi.json');
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as out of date
    }
    if (current !== json) {
      console.error('docs/openapi.json is out of date: run `npm run openapi` and commit it.');
      process.exit(1);
    }
    console.log('docs/openapi.json is up to date');
  } else {
    writeFileSync(file, json);
    console.log(`wrote ${file}`);
  }
  await app.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
