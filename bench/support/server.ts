/**
 * Runs the API in its own process for a benchmark, so the load generator does not share its event loop.
 * Env: DATABASE_URL, REDIS_URL, REDIS_PREFIX, PORT (0 = any); prints "listening <port>" when ready.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/app.setup';
import { loadConfig } from '../../apps/api/src/config/config';

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', WEB_DIST: '', NODE_ENV: 'production' });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: false,
    bodyParser: false,
  });
  configureApp(app, config);
  await app.listen(config.PORT, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  process.stdout.write(`listening ${port}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
