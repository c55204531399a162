/**
 * Delivery guarantees of the mail outbox against real PostgreSQL, Redis and a loopback SMTP server, with the
 * worker in its own process (ROLE=worker, killed with SIGKILL and restarted). Assertions are on what the SMTP
 * server received (by the dedupe header and Message-ID) and on the outbox rows.
 *
 * The worker reaches the SMTP server through a small relay in this process that can hold the worker → server
 * direction. The crash tests hold it, wait until everything the server accepted is committed as sent, then
 * SIGKILL the worker (with emails mid-DATA, claimed rows locked in open transactions) and cut the held
 * connections, as a crash does. That keeps the kill out of the one window no SMTP client can close (server has
 * stored the email, the worker has not committed yet); a separate test kills the worker exactly there and
 * shows what happens then: the email is sent again, with the same Message-ID and dedupe key.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import Redis from 'ioredis';
import type { Queue } from 'bullmq';
import { getQueueToken } from '@nestjs/bullmq';
import { type CaughtMail, type MailCatcher, startMailCatcher } from '../../scripts/mail-catcher';
import {
  DEDUPE_HEADER,
  MAX_MAIL_ATTEMPTS,
  MailDeliveryService,
} from '../../apps/api/src/outbox/mail-delivery.service';
import { type OutboxEntry, OutboxService } from '../../apps/api/src/outbox/outbox.service';
import { JOB, QUEUE } from '../../apps/api/src/queues/queues';
import { pollUntil } from '../support/poll';
import { TEST_REDIS_URL } from '../support/services';
import { createTestApp, type TestApp } from '../support/test-app';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

jest.setTimeout(60_000);

const HEADER = DEDUPE_HEADER.toLowerCase();
const WORKER_ENV = {
  MAIL_SWEEP_EVERY_MS: '500',
  MAIL_RETRY_BASE_MS: '100',
  MAIL_RETRY_MAX_MS: '200',
};

/** A TCP relay to the SMTP server whose client → server direction can be held, and whose sessions can be cut. */
interface Relay {
  port: number;
  hold(): void;
  release(): void;
  /** Destroys every session without forwarding what was held (the server discards unfinished messages). */
  cut(): void;
  close(): Promise<void>;
}

async function startRelay(targetPort: number): Promise<Relay> {
  let held = false;
  const sessions = new Set<{ client: Socket; upstream: Socket }>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    const session = { client, upstream };
    sessions.add(session);
    if (held) client.pause();
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      sessions.delete(session);
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.on('close', end);
      s.on('error', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    hold() {
      held = true;
      for (const s of sessions) s.client.pause();
    },
    release() {
      held = false;
      for (const s of sessions) s.client.resume();
    },
    cut() {
      for (const s of sessions) {
        s.client.destroy();
        s.upstream.destroy();
      }
      sessions.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) {
          s.client.destroy();
          s.upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

describe('mail delivery guarantees', () => {
  let t: TestApp;
  let smtp: MailCatcher;
  let relay: Relay;
  let outbox: OutboxService;
  let worker: WorkerProcess;
  /** Called synchronously for every message, before the server answers 250. */
  let onMessage: ((m: CaughtMail) => void) | null = null;

  const startWorker = () =>
    startWorkerProcess({
      databaseUrl: t.config.DATABASE_URL,
      redisPrefix: t.config.REDIS_PREFIX,
      env: { ...WORKER_ENV, SMTP_URL: `smtp://127.0.0.1:${relay.port}` },
    });

  beforeAll(async () => {
    smtp = await startMailCatcher({ smtpPort: 0, httpPort: null, onMessage: (m) => onMessage?.(m) });
    relay = await startRelay(smtp.smtpPort);
    t = await createTestApp({ ROLE: 'api', SMTP_URL: `smtp://127.0.0.1:${relay.port}` });
    outbox = t.app.get(OutboxService);
    worker = startWorker();
  });

  afterAll(async () => {
    await worker?.kill();
    await t?.close();
    await relay?.close();
    await smtp?.close();
  });

  /** Records `n` due emails with dedupe keys `<tag>:<i>` in one transaction; queues them unless told not to. */
  async function record(tag: string, n: number, dispatch = true): Promise<string[]> {
    const entries: OutboxEntry[] = Array.from({ length: n }, (_, i) => ({
      dedupeKey: `${tag}:${i}`,
      kind: 'assessment-accepted',
      organizationId: null,
      toEmail: `contact-${i}@${tag}.supplier.test`,
      locale: i % 2 ? 'en' : 'ja',
      payload: {
        data: {
          buyerName: '買い手自動車',
          campaignTitle: `${tag} 2027 #${i}`,
          link: 'http://localhost:3000/',
        },
      },
    }));
    const ids = await t.db.transaction((m) => outbox.record(m, entries));
    expect(ids).toHaveLength(n);
    if (dispatch) await outbox.dispatch(ids);
    return ids;
  }

  const received = (tag: string) => smtp.messages.filter((m) => m.headers[HEADER]?.startsWith(`${tag}:`));

  async function statuses(tag: string): Promise<Record<string, number>> {
    const rows = await t.db.query<{ status: string; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM mail_outbox WHERE dedupe_key LIKE $1 GROUP BY status`,
      [`${tag}:%`],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Every row of `tag` is sent, and the server received each of the `n` emails exactly once. */
  async function expectExactlyOnce(tag: string, n: number): Promise<void> {
    await pollUntil(async () => (await statuses(tag)).sent === n, 40_000, 100);
    const got = received(tag);
    const keys = new Set(got.map((m) => m.headers[HEADER]));
    const messageIds = new Set(got.map((m) => m.messageId));
    expect({ received: got.length, keys: keys.size, messageIds: messageIds.size }).toEqual({
      received: n,
      keys: n,
      messageIds: n,
    });
    expect(await statuses(tag)).toEqual({ sent: n });
    // The Message-ID recorded on each row is the one the server saw.
    const rows = await t.db.query<{ dedupe_key: string; message_id: string }[]>(
      `SELECT dedupe_key, message_id FROM mail_outbox WHERE dedupe_key LIKE $1`,
      [`${tag}:%`],
    );
    const byKey = new Map(got.map((m) => [m.headers[HEADER], m.messageId]));
    for (const r of rows) expect(byKey.get(r.dedupe_key)).toBe(r.message_id);
  }

  /**
   * Crashes the worker mid-run at a point outside the accepted-but-not-committed window: hold the relay, wait
   * until the server's count of `tag` emails equals the committed count (twice in a row, 100 ms apart), then
   * SIGKILL and drop the held sessions.
   */
  async function crashBetweenAcceptances(tag: string): Promise<void> {
    relay.hold();
    let last = -1;
    await pollUntil(
      async () => {
        const sent = (await statuses(tag)).sent ?? 0;
        const stable = sent === received(tag).length && sent === last;
        last = sent === received(tag).length ? sent : -1;
        return stable;
      },
      10_000,
      100,
    );
    await worker.kill();
    relay.cut();
    relay.release();
  }

  it('(b) retries while the SMTP server answers 451, then delivers each email once', async () => {
    smtp.setFailing('temporary');
    await record('temp', 20);
    await pollUntil(async () => {
      const [row] = await t.db.query<{ min: number; errors: number }[]>(
        `SELECT min(attempts)::int AS min, count(*) FILTER (WHERE last_error LIKE '%451%')::int AS errors
           FROM mail_outbox WHERE dedupe_key LIKE 'temp:%' AND status = 'pending'`,
      );
      return row!.min >= 2 && row!.errors === 20;
    }, 20_000);
    expect(received('temp')).toHaveLength(0);
    smtp.setFailing(false);
    await expectExactlyOnce('temp', 20);
  });

  it('(b) marks an email failed on 550 with its error, and on 4xx after MAX_MAIL_ATTEMPTS; never retries it', async () => {
    smtp.setFailing('permanent');
    await record('perm', 5);
    await pollUntil(async () => (await statuses('perm')).failed === 5, 20_000);
    smtp.setFailing('temporary');
    await record('max', 1);
    await pollUntil(async () => (await statuses('max')).failed === 1, 20_000);
    smtp.setFailing(false);
    // Only the sweeper can send this one (never queued): once it is sent, a sweep ran after the failures.
    await record('sentinel', 1, false);
    await pollUntil(async () => (await statuses('sentinel')).sent === 1, 20_000);
    const rows = await t.db.query<
      { dedupe_key: string; status: string; attempts: number; last_error: string }[]
    >(
      `SELECT dedupe_key, status, attempts, last_error FROM mail_outbox
        WHERE dedupe_key LIKE 'perm:%' OR dedupe_key LIKE 'max:%' ORDER BY dedupe_key`,
    );
    for (const r of rows) {
      expect(r.status).toBe('failed');
      expect(r.last_error).toMatch(r.dedupe_key.startsWith('perm') ? /550/ : /451/);
      expect(r.attempts).toBe(r.dedupe_key.startsWith('perm') ? 1 : MAX_MAIL_ATTEMPTS);
    }
    expect(received('perm')).toHaveLength(0);
    expect(received('max')).toHaveLength(0);
  });

  it('(c) duplicate jobs, two worker processes and a direct caller send each email once', async () => {
    const second = startWorker();
    try {
      const ids = await record('dup', 1000);
      const queue = t.app.get<Queue>(getQueueToken(QUEUE.mail), { strict: false });
      // The same emails queued again under other job ids (dispatch itself de-duplicates by outbox id) …
      await queue.addBulk(
        ids.map((id) => ({ name: JOB.deliverMail, data: { outboxId: id }, opts: { jobId: `${id}-dup` } })),
      );
      await outbox.dispatch(ids);
      // … and delivered from this process too, concurrently with both workers.
      const delivery = t.app.get(MailDeliveryService);
      const direct = await Promise.all(ids.slice(0, 200).map((id) => delivery.deliver(id)));
      expect(direct.every((o) => o === 'sent' || o === 'skipped')).toBe(true);
      await expectExactlyOnce('dup', 1000);
    } finally {
      await second.kill();
    }
  });

  it('(a) a worker SIGKILLed mid-run and restarted delivers every email exactly once', async () => {
    await record('kill', 1000);
    await pollUntil(async () => received('kill').length >= 300, 30_000);
    await crashBetweenAcceptances('kill');
    const left = (await statuses('kill')).pending ?? 0;
    expect(left).toBeGreaterThan(0);
    worker = startWorker();
    await expectExactlyOnce('kill', 1000);
  });

  it('(a) Redis losing the queue (worker killed, every key of this prefix deleted) loses nothing', async () => {
    await record('flush', 1000);
    await pollUntil(async () => received('flush').length >= 200, 30_000);
    await crashBetweenAcceptances('flush');
    // Stands in for a Redis restart without persistence, without touching other tests' keys on the shared server.
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${t.config.REDIS_PREFIX}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
      expect(await redis.keys(`${t.config.REDIS_PREFIX}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    expect((await statuses('flush')).pending ?? 0).toBeGreaterThan(0);
    // Every delivery job is gone: only the sweeper (scheduled again by the restarted worker) can send the rest.
    worker = startWorker();
    await expectExactlyOnce('flush', 1000);
  });

  it('residual risk: killed after the server stored an email but before the commit, that email is sent again with the same Message-ID', async () => {
    await record('window', 50);
    const pid = worker.pid;
    onMessage = (m) => {
      // Synchronously, before the server answers 250: the worker never learns the email was accepted.
      if (m.headers[HEADER]?.startsWith('window:') && received('window').length >= 19) {
        onMessage = null;
        process.kill(pid, 'SIGKILL');
      }
    };
    await pollUntil(async () => onMessage === null, 30_000);
    await worker.exited;
    relay.cut();
    worker = startWorker();
    await pollUntil(async () => (await statuses('window')).sent === 50, 40_000, 100);
    const got = received('window');
    const copies = new Map<string, CaughtMail[]>();
    for (const m of got) copies.set(m.headers[HEADER]!, [...(copies.get(m.headers[HEADER]!) ?? []), m]);
    expect(copies.size).toBe(50);
    const duplicated = [...copies.values()].filter((c) => c.length > 1);
    // At least the email being accepted at the kill; at most one per email in flight.
    expect(duplicated.length).toBeGreaterThanOrEqual(1);
    expect(got.length - 50).toBeLessThanOrEqual(10);
    for (const c of duplicated) expect(new Set(c.map((m) => m.messageId)).size).toBe(1);
  });
});
