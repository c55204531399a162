/**
 * Reminder delivery benchmark: 10,000 reminder emails (one per supplier assessment, each with a freshly rotated
 * sign-in link) recorded in the mail outbox and delivered by a ROLE=worker process through BullMQ to the local
 * mail catcher, next to a raw baseline in the same run: the same 10,000 messages, rendered beforehand, sent with
 * nodemailer over a pool of the same size (5 connections). The catcher runs in its own process for both.
 *
 *   node -r @swc-node/register bench/reminders.ts [--emails 10000]
 *
 * The outbox figure runs from the start of the recording transaction to the last email received, so it
 * includes recording, queueing, claiming each row, rotating its link, rendering, sending and committing.
 * MAIL_CONCURRENCY (see docs/operations.md) passes through to the worker.
 * Needs the local PostgreSQL and Redis. Prints figures only. Target: within 1.5× of the raw sends.
 */
import { Queue } from 'bullmq';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { Clock } from '../apps/api/src/common/clock';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options';
import { MailRenderer } from '../apps/api/src/mail/mail.renderer';
import { type OutboxEntry, OutboxService } from '../apps/api/src/outbox/outbox.service';
import { DEFAULT_JOB_OPTIONS, QUEUE } from '../apps/api/src/queues/queues';
import { benchDatabase, option, REDIS_URL } from './support/harness';
import { startMailSink } from './support/mail-sink';
import { seedNetwork } from './support/seed-network';
import { spawnWorker } from './support/spawn-worker';

const EMAILS = option('emails', 10_000);
const WARM_UP = 300;
const FROM = 'TierStar <no-reply@tierstar.local>';

async function main(): Promise<void> {
  const bench = await benchDatabase();
  const db = await new DataSource(dataSourceOptions(bench.url)).initialize();
  const sink = await startMailSink();
  const smtpUrl = `smtp://127.0.0.1:${sink.port}`;
  const prefix = `bench${Date.now().toString(36)}`;
  const queue = new Queue(QUEUE.mail, {
    connection: { url: REDIS_URL },
    prefix: `${prefix}:bull`,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
  const outbox = new OutboxService(queue, new Clock({ NODE_ENV: 'production' }));
  const worker = spawnWorker({
    DATABASE_URL: bench.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    SMTP_URL: smtpUrl,
    MAIL_FROM: FROM,
  });
  const raw = createTransport({ url: smtpUrl, pool: true, maxConnections: 5 });
  try {
    const net = await seedNetwork(db, EMAILS);
    const [campaign] = await db.query<{ id: string }[]>(
      `INSERT INTO campaigns (buyer_id, title, catalogue_id, catalogue_version, catalogue, due_date, status)
       VALUES ($1, '2027年度 自己評価', 'meti-scs', 'bench', '{}', '2099-12-31', 'launched') RETURNING id`,
      [net.buyerId],
    );
    const assessments = await db.query<{ id: string; contact_email: string; n: number }[]>(
      `INSERT INTO assessments (campaign_id, buyer_id, supplier_id, target_level, contact_email)
       SELECT $1, buyer_id, supplier_id, 3, contact_email FROM supply_links WHERE buyer_id = $2
       RETURNING id, contact_email`,
      [campaign!.id, net.buyerId],
    );
    const data = (i: number) => ({
      buyerName: 'ベンチ自動車株式会社',
      supplierName: `ベンチ部品 ${i}`,
      campaignTitle: '2027年度 自己評価',
      message: '期日が近づいています。ご回答をお願いします。',
      supportOffered: '',
      catalogueTitle: '経済産業省 サプライチェーン対策評価制度',
      targetLabel: '★3',
      dueDate: '2099-12-31',
    });
    const entries: OutboxEntry[] = assessments.map((a, i) => ({
      dedupeKey: `reminder:${a.id}:1`,
      kind: 'assessment-invitation',
      organizationId: net.buyerId,
      assessmentId: a.id,
      toEmail: a.contact_email,
      locale: 'ja',
      payload: { accessLink: true, data: data(i) },
    }));

    // Raw baseline: the same messages (rendered beforehand, a link of the same length), same headers.
    const renderer = new MailRenderer();
    const messages = entries.map((e, i) => ({
      from: FROM,
      to: e.toEmail,
      ...renderer.render('assessment-invitation', 'ja', {
        ...data(i),
        link: `http://localhost:3000/respond#token=${'x'.repeat(43)}`,
        expiresOn: '2100-01-14',
      }),
      messageId: `<raw-${i}@tierstar.local>`,
      headers: { 'X-TierStar-Dedupe-Key': `raw:${e.dedupeKey}` },
    }));
    const sendRaw = async (list: typeof messages) => {
      sink.reset();
      const t0 = performance.now();
      await Promise.all(list.map((m) => raw.sendMail(m)));
      const { duplicates } = await sink.waitFor(list.length);
      return { seconds: (performance.now() - t0) / 1000, duplicates };
    };
    await sendRaw(messages.slice(0, WARM_UP).map((m) => ({ ...m, messageId: `<w${m.messageId.slice(1)}` })));
    const rawRun = await sendRaw(messages);

    // Warm the worker up (and learn that it is ready) with a few emails of another kind.
    sink.reset();
    const warm = await db.transaction((m) =>
      outbox.record(
        m,
        Array.from({ length: WARM_UP }, (_, i) => ({
          dedupeKey: `warm:${i}`,
          kind: 'assessment-accepted',
          organizationId: net.buyerId,
          toEmail: `warm-${i}@bench.test`,
          locale: 'ja' as const,
          payload: {
            data: { buyerName: 'ベンチ', campaignTitle: 'warm-up', link: 'http://localhost:3000/' },
          },
        })),
      ),
    );
    await outbox.dispatch(warm);
    await sink.waitFor(WARM_UP);

    sink.reset();
    const t0 = performance.now();
    const ids = await db.transaction((m) => outbox.record(m, entries));
    await outbox.dispatch(ids);
    const recordedMs = performance.now() - t0;
    const { duplicates } = await sink.waitFor(EMAILS);
    const outboxSeconds = (performance.now() - t0) / 1000;
    // The catcher counts an email before it answers 250; the worker commits 'sent' right after.
    for (let i = 0; i < 100; i++) {
      const [row] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'sent' AND dedupe_key LIKE 'reminder:%'`,
      );
      if (row!.n >= EMAILS) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const [check] = await db.query<{ sent: number; tokens: number }[]>(
      `SELECT (SELECT count(*)::int FROM mail_outbox WHERE status = 'sent' AND dedupe_key LIKE 'reminder:%') AS sent,
              (SELECT count(*)::int FROM assessment_access_tokens) AS tokens`,
    );

    const rate = (n: number, s: number) => `${(n / s).toFixed(0).padStart(7)} emails/s  (${s.toFixed(2)} s)`;
    console.log(`reminder delivery: ${EMAILS} emails to the local mail catcher, 5 pooled SMTP connections`);
    console.log(`raw nodemailer pooled sends       ${rate(EMAILS, rawRun.seconds)}`);
    console.log(`outbox + worker (record → sent)   ${rate(EMAILS, outboxSeconds)}`);
    console.log(`  of which record + queue         ${(recordedMs / 1000).toFixed(2).padStart(7)} s`);
    const ratio = outboxSeconds / rawRun.seconds;
    console.log(`ratio ${ratio.toFixed(2)}× (target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);
    console.log(
      `rows sent ${check!.sent}, links issued ${check!.tokens}, repeated emails: raw ${rawRun.duplicates}, outbox ${duplicates}`,
    );
  } finally {
    raw.close();
    await worker.stop();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await sink.stop();
    await db.destroy();
    await bench.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
