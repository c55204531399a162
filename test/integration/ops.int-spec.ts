import { getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { JOB, QUEUE } from '../../apps/api/src/queues/queues';
import { makeOrg, makeUser, PASSWORD } from '../support/factories';
import { SessionService } from '../../apps/api/src/auth/session.service';
import { browser, createTestApp, type TestApp } from '../support/test-app';
import { testClock } from '../support/clock';

const TOKEN = 'x'.repeat(32);
const DASHBOARD = '/api/admin/queues';

/** The value of one sample in Prometheus text, e.g. sample(text, 'tierstar_queue_jobs{queue="mail",state="waiting"}'). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no sample ${series}`);
  return Number(line.slice(series.length + 1));
}

/**
 * The declared queues (QUEUE) that some module registers; the dashboard and the metrics cover exactly these.
 * Looked up with ModuleRef, not t.app.get: a miss there exits the process.
 */
function registeredQueues(t: TestApp): string[] {
  const refs = t.app.get(ModuleRef);
  return Object.values(QUEUE).filter((name) => {
    try {
      return Boolean(refs.get(getQueueToken(name), { strict: false }));
    } catch {
      return false;
    }
  });
}

describe('ops: queue dashboard and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      OPERATOR_EMAILS: ' Ops@Example.test , other@example.test',
      METRICS_TOKEN: TOKEN,
    });
  });
  afterAll(() => t.close());

  describe('queue dashboard', () => {
    it('opens for an operator: the page, its assets and its JSON API listing every queue, read-only', async () => {
      await makeUser(t.db, null, 'admin', { email: 'ops@example.test' });
      const b = await (await browser(t)).login('ops@example.test', PASSWORD);

      const page = await b.get(DASHBOARD).expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain(`<base href="${DASHBOARD}/"`);
      const csp = page.headers['content-security-policy'] as string;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(page.headers['x-powered-by']).toBeUndefined();
      expect(page.headers['cache-control']).toBe('no-store');

      const script = /<script defer src="([^"]+)"/.exec(page.text)?.[1];
      expect(script).toBeDefined();
      const asset = await b.get(`${DASHBOARD}/${script!}`).expect(200);
      expect(asset.headers['content-type']).toContain('javascript');

      const api = await b.get(`${DASHBOARD}/api/queues`).expect(200);
      const queues = (api.body as { queues: { name: string; readOnlyMode: boolean }[] }).queues;
      const registered = registeredQueues(t);
      expect(registered).toEqual(expect.arrayContaining([QUEUE.system, QUEUE.mail]));
      expect(queues.map((q) => q.name).sort()).toEqual(registered.sort());
      expect(queues.every((q) => q.readOnlyMode)).toBe(true);

      const put = await b.put(`${DASHBOARD}/api/queues/${QUEUE.system}/pause`, {}).expect(405);
      expect(put.headers['content-type']).toContain('application/problem+json');
      expect(put.body.code).toBe('READ_ONLY');
    });

    it('is hidden from signed-in users who are not operators, including org admins', async () => {
      const admin = await makeUser(t.db, await makeOrg(t.db), 'admin');
      const b = await (await browser(t)).login(admin.email, PASSWORD);
      for (const path of [DASHBOARD, `${DASHBOARD}/api/queues`]) {
        const res = await b.get(path).expect(404);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('NOT_FOUND');
      }
      // The rest of the app still works for them.
      await b.get('/api/auth/me').expect(200);
    });

    it('counts only verified accounts as operators: a sign-up with an operator address opens nothing', async () => {
      // Someone signs up with an operator's address: no account exists until the mailbox confirms it.
      const b = await browser(t);
      await b
        .post('/api/signup', {
          organization: { name: 'なりすまし', sizeBand: 'small' },
          user: { name: 'x', email: 'Other@Example.test', password: 'attacker-password' },
        })
        .expect(202);
      await b
        .post('/api/auth/login', { email: 'other@example.test', password: 'attacker-password' })
        .expect(401);
      // Even a row for that address that was never verified, with a live session, is not an operator.
      const unverified = await makeUser(t.db, null, 'admin', {
        email: 'other@example.test',
        emailVerifiedAt: null,
      });
      const { token } = await t.db.transaction((m) =>
        t.app.get(SessionService).create(m, unverified.id, 'test'),
      );
      await request(t.url).get(DASHBOARD).set('Cookie', `tierstar_session=${token}`).expect(404);
      await t.db.query('UPDATE users SET email_verified_at = created_at WHERE id = $1', [unverified.id]);
      await request(t.url).get(DASHBOARD).set('Cookie', `tierstar_session=${token}`).expect(200);
    });

    it('asks anonymous callers to log in', async () => {
      for (const path of [DASHBOARD, `${DASHBOARD}/api/queues`, `${DASHBOARD}/static/favicon.ico`]) {
        const res = await request(t.url).get(path).expect(401);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('AUTH_REQUIRED');
      }
      await request(t.url).get(DASHBOARD).set('Cookie', 'tierstar_session=forged').expect(401);
    });

    it('keeps the normal CSP everywhere else', async () => {
      const res = await request(t.url).get('/api/health').expect(200);
      expect(res.headers['content-security-policy']).not.toContain("frame-ancestors 'none'");
    });
  });

  describe('metrics', () => {
    it('needs the bearer token', async () => {
      const none = await request(t.url).get('/api/metrics').expect(401);
      expect(none.headers['content-type']).toContain('application/problem+json');
      expect(none.headers['www-authenticate']).toContain('Bearer');
      await request(t.url).get('/api/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
      await request(t.url)
        .get('/api/metrics')
        .set('Authorization', `Bearer ${'y'.repeat(32)}`)
        .expect(401);
      await request(t.url).get('/api/metrics').set('Authorization', TOKEN).expect(401);
    });

    it('reports queue counts, outbox counts and ages, and process metrics; follows changes', async () => {
      const scrape = async () => {
        const res = await request(t.url)
          .get('/api/metrics')
          .set('Authorization', `Bearer ${TOKEN}`)
          .expect(200);
        expect(res.headers['content-type']).toContain('text/plain');
        return res.text;
      };
      const before = await scrape();
      for (const queue of registeredQueues(t)) {
        for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
          expect(
            sample(before, `tierstar_queue_jobs{queue="${queue}",state="${state}"}`),
          ).toBeGreaterThanOrEqual(0);
        }
      }
      for (const status of ['pending', 'sent', 'failed']) {
        expect(sample(before, `tierstar_mail_outbox_rows{status="${status}"}`)).toBeGreaterThanOrEqual(0);
      }
      expect(sample(before, 'tierstar_metrics_source_up{source="redis"}')).toBe(1);
      expect(sample(before, 'tierstar_metrics_source_up{source="database"}')).toBe(1);
      expect(before).toContain('process_cpu_user_seconds_total');
      expect(before).toContain('nodejs_eventloop_lag_seconds');

      // A pending email recorded an hour ago, not due for another hour (so no worker sends it meanwhile).
      await t.db.query(
        `INSERT INTO mail_outbox (dedupe_key, kind, to_email, created_at, available_at)
         VALUES ($1, 'invitation', 'someone@example.test', $2::timestamptz - interval '1 hour',
                 $2::timestamptz + interval '1 hour')`,
        [`ops-test:${randomUUID()}`, testClock(t).now()],
      );
      // A heartbeat an hour from now: delayed in the system queue.
      const system = t.app.get<Queue>(getQueueToken(QUEUE.system));
      const job = await system.add(
        JOB.heartbeat,
        { requestedAt: testClock(t).now().toISOString() },
        { delay: 3600_000 },
      );

      try {
        const after = await scrape();
        expect(sample(after, 'tierstar_mail_outbox_rows{status="pending"}')).toBe(
          sample(before, 'tierstar_mail_outbox_rows{status="pending"}') + 1,
        );
        expect(sample(after, 'tierstar_mail_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(3600);
        // Not due yet, so it is not waiting for delivery (and this database has no other outbox rows).
        expect(sample(after, 'tierstar_mail_outbox_oldest_due_age_seconds')).toBe(0);
        expect(sample(after, `tierstar_queue_jobs{queue="${QUEUE.system}",state="delayed"}`)).toBe(
          sample(before, `tierstar_queue_jobs{queue="${QUEUE.system}",state="delayed"}`) + 1,
        );
      } finally {
        await job.remove();
      }
    });
  });
});

describe('ops: disabled by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /api/metrics with 404 while METRICS_TOKEN is empty', async () => {
    const res = await request(t.url).get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('shows the dashboard to nobody while OPERATOR_EMAILS is empty', async () => {
    const admin = await makeUser(t.db, await makeOrg(t.db), 'admin');
    const b = await (await browser(t)).login(admin.email, PASSWORD);
    await b.get(DASHBOARD).expect(404);
  });
});
