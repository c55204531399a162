import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { makeOrg, makeUser, PASSWORD } from '../support/factories';
import { browser, createTestApp, createTestDatabase, type TestApp } from '../support/test-app';

const root = join(__dirname, '..', '..');

/** Runs a TypeScript entry point of the repository as its own process, with only the given environment. */
function runEntry(entry: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('secrets stay out of logs', () => {
  const METRICS_TOKEN = 'metrics-secret-0123456789abcdef';
  const lines: string[] = [];
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(
      { LOG_LEVEL: 'info', METRICS_TOKEN },
      { logDestination: { write: (line: string) => void lines.push(line) } },
    );
  });
  afterAll(() => t.close());

  it('redacts Authorization (API and metrics tokens), cookies, the CSRF token and Set-Cookie from request logs', async () => {
    const org = await makeOrg(t.db);
    const user = await makeUser(t.db, org, 'admin');
    const apiToken = `tst_${'s'.repeat(40)}`;

    await request(t.url)
      .get(`/api/orgs/${org.id}/insights/heatmap`)
      .set('Authorization', `Bearer ${apiToken}`)
      .set('X-Request-Id', 'redact-api-token');
    await request(t.url)
      .get('/api/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .set('Proxy-Authorization', 'Basic cHJveHk6cHJveHktc2VjcmV0')
      .set('X-Request-Id', 'redact-metrics')
      .expect(200);
    const b = await browser(t);
    const login = await b
      .post('/api/auth/login', { email: user.email, password: PASSWORD })
      .set('X-Request-Id', 'redact-login')
      .expect(200);
    const session = /tierstar_session=([^;]+)/.exec(String(login.headers['set-cookie']))![1]!;
    await b.get('/api/auth/me').set('X-Request-Id', 'redact-cookie').expect(200);

    const logged = (id: string) =>
      lines
        .map(
          (l) => JSON.parse(l) as { req?: { id?: string; headers?: Record<string, string> }; res?: unknown },
        )
        .find((l) => l.req?.id === id);
    for (const id of ['redact-api-token', 'redact-metrics', 'redact-login', 'redact-cookie']) {
      expect(logged(id)).toBeDefined();
    }
    expect(logged('redact-api-token')!.req!.headers!.authorization).toBe('[Redacted]');
    expect(logged('redact-metrics')!.req!.headers!.authorization).toBe('[Redacted]');
    expect(logged('redact-metrics')!.req!.headers!['proxy-authorization']).toBe('[Redacted]');
    expect(logged('redact-cookie')!.req!.headers!.cookie).toBe('[Redacted]');
    expect(logged('redact-login')!.req!.headers!['x-csrf-token']).toBe('[Redacted]');

    const all = lines.join('\n');
    for (const secret of [
      apiToken,
      METRICS_TOKEN,
      session,
      b.csrfToken,
      'cHJveHk6cHJveHktc2VjcmV0',
      PASSWORD,
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('configuration errors', () => {
  it('name the variable and never print its value (a DATABASE_URL or SMTP_URL carries a password)', () => {
    const secret = 'pa55-W0rd-not-for-logs';
    const run = runEntry('apps/api/src/main.ts', {
      DATABASE_URL: `postgres://tierstar:${secret}@db.internal:99999/tierstar`,
      SMTP_URL: `smtps://mailer:${secret}@smtp.example.jp:465/ x`,
      METRICS_TOKEN: secret,
      TRUST_PROXY: `everything-${secret}`,
    });
    expect(run.status).toBe(78);
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output).toContain('config: DATABASE_URL:');
    expect(output).toContain('config: SMTP_URL:');
    expect(output).toContain('config: TRUST_PROXY:');
    expect(output).not.toContain(secret);
  }, 60_000);
});

describe('demo seed', () => {
  it('refuses to run with NODE_ENV=production and writes nothing', async () => {
    const url = await createTestDatabase();
    const run = runEntry('seed/run.ts', {
      NODE_ENV: 'production',
      DATABASE_URL: url,
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refusing to run with NODE_ENV=production');
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: number }>(
        'SELECT (SELECT count(*) FROM organizations)::int + (SELECT count(*) FROM users)::int AS n',
      );
      expect(rows[0]!.n).toBe(0);
    } finally {
      await db.end();
    }
  }, 60_000);
});
