import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule, type AppModuleOptions } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/app.setup';
import { type AppConfig, loadConfig } from '../../apps/api/src/config/config';
import { withDatabase } from '../../scripts/db-url';
import { TEST_PASSWORD_HASH_COST } from './factories';
import { templateDb, testDbPrefix, TEST_PG_ADMIN_URL, TEST_REDIS_URL } from './services';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  db: DataSource;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template; dropped by the global teardown. */
export async function createTestDatabase(): Promise<string> {
  const name = `${testDbPrefix()}${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
  } finally {
    await admin.end();
  }
  return withDatabase(TEST_PG_ADMIN_URL, name);
}

/** Boots the real AppModule against real PostgreSQL and Redis, on its own database and Redis key prefix. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: AppModuleOptions = {},
): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
    LOG_LEVEL: 'silent',
    PORT: '0',
    WEB_DIST: '',
    EVIDENCE_DIR: join(tmpdir(), 'tierstar-test-evidence', randomBytes(6).toString('hex')),
    PASSWORD_HASH_COST: String(TEST_PASSWORD_HASH_COST),
    ...env,
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    logger: false,
    bodyParser: false,
  });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    db: app.get(DataSource),
    url: `http://127.0.0.1:${address.port}`,
    close: () => app.close(),
  };
}

/**
 * A browser-like client: keeps cookies, fetches the CSRF token once and sends it on every state-changing
 * request, as the web app does. With `ip`, every request says it comes from that address through a proxy on
 * the loopback (X-Forwarded-For; TRUST_PROXY's default trusts loopback proxies), so tests can act from several
 * client addresses.
 */
export class TestBrowser {
  readonly agent: TestAgent;
  private csrf = '';

  constructor(
    readonly t: TestApp,
    readonly ip?: string,
  ) {
    this.agent = request.agent(t.app.getHttpServer());
  }

  private from<R extends { set(name: string, value: string): R }>(r: R): R {
    return this.ip ? r.set('X-Forwarded-For', this.ip) : r;
  }

  async init(): Promise<this> {
    const res = await this.get('/api/auth/csrf').expect(200);
    this.csrf = (res.body as { token: string }).token;
    return this;
  }

  get csrfToken(): string {
    return this.csrf;
  }

  get(path: string) {
    return this.from(this.agent.get(path));
  }
  post(path: string, body?: object) {
    const r = this.from(this.agent.post(path).set('X-CSRF-Token', this.csrf));
    return body === undefined ? r : r.send(body);
  }
  patch(path: string, body: object) {
    return this.from(this.agent.patch(path).set('X-CSRF-Token', this.csrf)).send(body);
  }
  put(path: string, body: object) {
    return this.from(this.agent.put(path).set('X-CSRF-Token', this.csrf)).send(body);
  }
  delete(path: string) {
    return this.from(this.agent.delete(path).set('X-CSRF-Token', this.csrf));
  }

  async login(email: string, password: string): Promise<this> {
    await this.post('/api/auth/login', { email, password }).expect(200);
    return this;
  }
}

export const browser = (t: TestApp, ip?: string) => new TestBrowser(t, ip).init();
