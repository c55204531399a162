/**
 * Campaign launch benchmark: launches a METI campaign to 10,000 suppliers over HTTP (one transaction creating
 * every assessment, its score snapshot and its invitation in the mail outbox, then BullMQ addBulk of the
 * delivery jobs), next to a raw baseline in the same run: a hand-written bulk INSERT of the same rows into the
 * same three tables (same contents, built in the script and sent as arrays) plus a BullMQ addBulk of the same
 * number of jobs.
 *
 *   npm run bench:campaign-launch [-- --suppliers 10000]
 *
 * Needs the local PostgreSQL and Redis. Prints figures only. Target: within 2× of the baseline.
 */
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { getCatalogue } from '@tierstar/guidelines';
import { computeSnapshot, scoringContext } from '../apps/api/src/assessments/snapshot';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options';
import { benchDatabase, option, REDIS_URL } from './support/harness';
import { seedNetwork } from './support/seed-network';
import { sessionHeaders } from './support/sessions';
import { spawnServer } from './support/spawn-server';

const SUPPLIERS = option('suppliers', 10_000);

async function main(): Promise<void> {
  const bench = await benchDatabase();
  const db = await new DataSource(dataSourceOptions(bench.url)).initialize();
  const prefix = `bench${Date.now().toString(36)}`;
  const server = await spawnServer({ DATABASE_URL: bench.url, REDIS_URL, REDIS_PREFIX: prefix, ROLE: 'api' });
  const baselineQueue = new Queue('bench-baseline', {
    connection: { url: REDIS_URL },
    prefix: `${prefix}:bull`,
  });
  try {
    const net = await seedNetwork(db, SUPPLIERS);
    const ctx = scoringContext(getCatalogue('meti-scs')!);
    const [headers] = await sessionHeaders(db, [net.procurementId]);
    const draft = async (title: string) => {
      const res = await fetch(`${server.url}/api/orgs/${net.buyerId}/campaigns`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          title,
          catalogueId: 'meti-scs',
          dueDate: '2099-12-31',
          selection: { tiers: [1] },
        }),
      });
      if (!res.ok) throw new Error(`create failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    };
    const baselineCampaign = await draft('baseline');
    const campaign = await draft('bench');

    // Baseline: the same rows by hand-written bulk inserts, and addBulk of the same number of jobs.
    const t0 = performance.now();
    await db.transaction(async (m) => {
      const ids = await m.query<{ id: string }[]>(
        `INSERT INTO assessments (campaign_id, buyer_id, supplier_id, target_level, contact_email)
         SELECT campaign_id, $2, supplier_id, target_level, contact_email FROM campaign_suppliers WHERE campaign_id = $1
         RETURNING id`,
        [baselineCampaign, net.buyerId],
      );
      // The same snapshot content TierStar writes for an unanswered ★3 assessment, and the same email payload.
      const empty = computeSnapshot(ctx, new Uint8Array(ctx.compiled.size), 3, null);
      await m.query(
        `INSERT INTO score_snapshots (assessment_id, codes, level, points, in_scope, answered, met, applicable, levels,
                                      categories, gaps)
         SELECT id, $2, NULL, NULL, $3, 0, 0, $4, $5, $6, $7 FROM unnest($1::uuid[]) id`,
        [
          ids.map((r) => r.id),
          Buffer.alloc(ctx.compiled.size),
          empty.inScope,
          empty.applicable,
          JSON.stringify(empty.levels),
          JSON.stringify(empty.categories),
          empty.gaps,
        ],
      );
      const payload = (i: number) =>
        JSON.stringify({
          accessLink: true,
          data: {
            buyerName: 'ベンチ自動車株式会社',
            supplierName: `ベンチ部品 ${i}`,
            campaignTitle: 'baseline',
            message: '',
            supportOffered: '',
            catalogueTitle: ctx.catalogue.title.ja,
            targetLabel: '★3',
            dueDate: '2099-12-31',
          },
        });
      await m.query(
        `INSERT INTO mail_outbox (dedupe_key, kind, organization_id, assessment_id, to_email, locale, payload)
         SELECT 'baseline:' || u.id, 'assessment-invitation', $2, u.id, u.email, 'ja', u.payload
           FROM unnest($1::uuid[], $3::text[], $4::jsonb[]) AS u(id, email, payload)`,
        [
          ids.map((r) => r.id),
          net.buyerId,
          ids.map((_, i) => `contact-${i + 1}@supplier.bench.test`),
          ids.map((_, i) => payload(i)),
        ],
      );
      for (let i = 0; i < ids.length; i += 1000) {
        await baselineQueue.addBulk(
          ids
            .slice(i, i + 1000)
            .map((r) => ({ name: 'deliver', data: { outboxId: r.id }, opts: { jobId: r.id } })),
        );
      }
    });
    const baselineMs = performance.now() - t0;

    const t1 = performance.now();
    const res = await fetch(`${server.url}/api/orgs/${net.buyerId}/campaigns/${campaign}/launch`, {
      method: 'POST',
      headers,
    });
    const body = (await res.json()) as { assessments: number; invitations: number };
    const launchMs = performance.now() - t1;
    if (!res.ok) throw new Error(`launch failed: ${res.status} ${JSON.stringify(body)}`);

    console.log(`campaign launch to ${SUPPLIERS} suppliers (METI, ★3 target)`);
    console.log(`raw bulk insert + addBulk (baseline) ${(baselineMs / 1000).toFixed(2).padStart(8)} s`);
    console.log(`HTTP launch (TierStar)               ${(launchMs / 1000).toFixed(2).padStart(8)} s`);
    console.log(
      `ratio ${(launchMs / baselineMs).toFixed(2)}× (target ≤ 2×: ${launchMs <= 2 * baselineMs ? 'met' : 'NOT met'})`,
    );
    console.log(`created ${body.assessments} assessments, queued ${body.invitations} invitations`);
  } finally {
    await baselineQueue.obliterate({ force: true }).catch(() => undefined);
    await baselineQueue.close();
    await server.stop();
    await db.destroy();
    await bench.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
