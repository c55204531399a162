/**
 * Autosave benchmark: 200 concurrent suppliers save answers over HTTP (PUT /api/assessments/:id/answers/:cid:
 * session check, tenant check, optimistic version check, revision, score snapshot, all in one transaction),
 * next to raw `pg` upserts of the same rows through a pool of the same size, in the same run.
 *
 *   npm run bench:autosave [-- --clients 200 --saves 25 --rate 500]
 *
 * Two phases for each side: saturation (every client saves again as soon as the previous save answers: the
 * most saves per second) and paced (the 200 clients together offer --rate saves per second, each on its own
 * schedule, as people autosaving do: latency at that load). Needs the local PostgreSQL and Redis. Prints
 * figures only. Targets: ≥ 500 saves/s, and p95 ≤ 50 ms at 500 saves/s offered by 200 clients.
 */
import { getCatalogue } from '@tierstar/guidelines';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options';
import { benchDatabase, fmt, option, REDIS_URL, runConcurrent, type RunStats } from './support/harness';
import { seedNetwork } from './support/seed-network';
import { sessionHeaders } from './support/sessions';
import { spawnServer } from './support/spawn-server';

const CLIENTS = option('clients', 200);
const SAVES = option('saves', 25);
const RATE = option('rate', 500);
const POOL = 20; // the API's pool size (data-source-options)

async function main(): Promise<void> {
  const bench = await benchDatabase();
  const db = await new DataSource(dataSourceOptions(bench.url)).initialize();
  const server = await spawnServer({
    DATABASE_URL: bench.url,
    REDIS_URL,
    REDIS_PREFIX: `bench${Date.now().toString(36)}`,
    ROLE: 'api',
  });
  try {
    const net = await seedNetwork(db, CLIENTS, { respondents: true });
    const [buyerHeaders] = await sessionHeaders(db, [net.procurementId]);
    const created = await fetch(`${server.url}/api/orgs/${net.buyerId}/campaigns`, {
      method: 'POST',
      headers: buyerHeaders,
      body: JSON.stringify({
        title: 'bench',
        catalogueId: 'meti-scs',
        dueDate: '2099-12-31',
        selection: { tiers: [1] },
      }),
    });
    const { id: campaignId } = (await created.json()) as { id: string };
    const launched = await fetch(`${server.url}/api/orgs/${net.buyerId}/campaigns/${campaignId}/launch`, {
      method: 'POST',
      headers: buyerHeaders,
    });
    if (!launched.ok) throw new Error(`launch failed: ${launched.status} ${await launched.text()}`);
    const rows = await db.query<{ id: string; supplier_id: string }[]>(
      'SELECT id, supplier_id FROM assessments WHERE campaign_id = $1',
      [campaignId],
    );
    const assessmentOf = new Map(rows.map((r) => [r.supplier_id, r.id]));
    const assessments = net.supplierIds.map((s) => assessmentOf.get(s)!);
    const headers = await sessionHeaders(db, net.respondentIds);
    const criteria = getCatalogue('meti-scs')!
      .criteria.filter((c) => c.level <= 3)
      .map((c) => c.id);
    if (2 * SAVES > criteria.length) throw new Error(`--saves must be ≤ ${criteria.length / 2}`);

    // Raw baseline: the same (assessment, criterion, value) rows as single-statement upserts.
    const pool = new Pool({ connectionString: bench.url, max: POOL });
    const rawUpsert = (c: number, i: number) =>
      pool
        .query(
          `INSERT INTO assessment_answers (assessment_id, criterion_id, value, note, na_reason, version, provenance)
           VALUES ($1, $2, 'met', '', '', 1, 'form')
           ON CONFLICT (assessment_id, criterion_id) DO UPDATE SET value = EXCLUDED.value, version = assessment_answers.version + 1`,
          [assessments[c], criteria[i]],
        )
        .then(() => undefined);
    const rawMax = await runConcurrent(CLIENTS, SAVES, rawUpsert);
    const rawPaced = await runConcurrent(CLIENTS, SAVES, rawUpsert, RATE);
    await pool.query('DELETE FROM assessment_answers');
    await pool.end();

    let failures = 0;
    // Each phase writes a fresh half of the criteria, so every save is a first answer (baseVersion 0).
    const httpSave = (base: number) => async (c: number, i: number) => {
      const res = await fetch(
        `${server.url}/api/assessments/${assessments[c]}/answers/${encodeURIComponent(criteria[base + i]!)}`,
        {
          method: 'PUT',
          headers: headers[c],
          body: JSON.stringify({ value: 'met', note: '', baseVersion: 0 }),
        },
      );
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
    };
    const httpMax = await runConcurrent(CLIENTS, SAVES, httpSave(0));
    const httpPaced = await runConcurrent(CLIENTS, SAVES, httpSave(SAVES), RATE);
    const [check] = await db.query<{ answers: number; revisions: number }[]>(
      `SELECT (SELECT count(*)::int FROM assessment_answers) AS answers, (SELECT count(*)::int FROM answer_revisions) AS revisions`,
    );

    const line = (name: string, s: RunStats) =>
      console.log(`${name.padEnd(34)}${fmt(s.perSecond)} /s${fmt(s.p50)} ms${fmt(s.p95)} ms${fmt(s.p99)} ms`);
    console.log(
      `autosave: ${CLIENTS} concurrent clients × ${SAVES} saves per phase (METI ★3 criteria), pool ${POOL}`,
    );
    console.log(
      `${''.padEnd(34)}${'saves/s'.padStart(12)}${'p50'.padStart(12)}${'p95'.padStart(12)}${'p99'.padStart(12)}`,
    );
    line('raw pg upsert, saturation', rawMax);
    line('HTTP autosave, saturation', httpMax);
    line(`raw pg upsert, ${RATE}/s offered`, rawPaced);
    line(`HTTP autosave, ${RATE}/s offered`, httpPaced);
    console.log(
      `HTTP failures: ${failures}; rows written: ${check!.answers} answers, ${check!.revisions} revisions (expected ${2 * CLIENTS * SAVES} each)`,
    );
    console.log(
      `targets: ≥ 500 saves/s → ${httpMax.perSecond >= 500 ? 'met' : 'NOT met'}; p95 ≤ 50 ms at ${RATE}/s → ${httpPaced.p95 <= 50 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await server.stop();
    await db.destroy();
    await bench.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
