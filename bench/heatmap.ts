/**
 * Heat map benchmark: an OEM with 20,000 suppliers (5,000 Tier 1; 15,000 Tier 2 reached through 5,000
 * forwarded campaigns, consents mixed), each with 153 METI answers and a score snapshot, then
 * GET /api/orgs/:orgId/insights/heatmap over HTTP with a real session (200 requests, one at a time), next to
 * hand-written queries for the same numbers through `pg`, in the same run: two pure SQL aggregates and the rows
 * summed in JS (what the API does); the fastest of the three is the baseline.
 *
 *   npm run bench:heatmap [-- --tier1 5000 --per-tier1 3 --requests 200]
 *
 * Needs the local PostgreSQL and Redis. Prints figures only. Targets: p95 ≤ 150 ms and within 1.5× of the
 * hand-written query.
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options';
import { benchDatabase, fmt, option, percentile, REDIS_URL } from './support/harness';
import { seedCascade } from './support/seed-cascade';
import { sessionHeaders } from './support/sessions';
import { spawnServer } from './support/spawn-server';

const TIER1 = option('tier1', 5000);
const PER_TIER1 = option('per-tier1', 3);
const REQUESTS = option('requests', 200);
const WARMUP = 10;

interface Cell {
  tier: number;
  group_id: string;
  suppliers: number;
  meeting: number;
  avg: number | null;
}

/** Tier 1 and Tier 2 assessments of the OEM, one per supplier (nearest tier, latest). */
const ENTRIES = `
  WITH e AS (
    SELECT DISTINCT ON (supplier_id) assessment_id, tier FROM (
      SELECT a.id AS assessment_id, a.supplier_id, 1 AS tier, coalesce(a.submitted_at, a.created_at) AS at
        FROM campaigns r JOIN assessments a ON a.campaign_id = r.id
       WHERE r.buyer_id = $1 AND r.catalogue_id = 'meti-scs' AND a.status IN ('submitted', 'accepted')
      UNION ALL
      SELECT a.id, a.supplier_id, 2, coalesce(a.submitted_at, a.created_at)
        FROM campaigns r JOIN campaigns c ON c.parent_campaign_id = r.id AND c.catalogue_id = 'meti-scs'
        JOIN assessments a ON a.campaign_id = c.id
       WHERE r.buyer_id = $1 AND r.catalogue_id = 'meti-scs' AND a.status IN ('submitted', 'accepted')
    ) x ORDER BY supplier_id, tier, at DESC, assessment_id
  )`;

/** The same numbers, hand-written, two ways; the faster one is the baseline. A: category keys read directly. */
const HAND_KEYS = `${ENTRIES}
  SELECT e.tier, g.id AS group_id, count(*)::int AS suppliers,
         count(*) FILTER (WHERE s.categories->g.id->'met' = s.categories->g.id->'applicable')::int AS meeting,
         avg((s.categories->g.id->>'met')::float8 / (s.categories->g.id->>'applicable')::float8)
           FILTER (WHERE (s.categories->g.id->>'applicable')::int > 0) AS avg
    FROM e JOIN score_snapshots s ON s.assessment_id = e.assessment_id
    CROSS JOIN unnest($2::text[]) AS g(id)
   GROUP BY e.tier, g.id
   ORDER BY e.tier, g.id`;

/** B: every category of the snapshot expanded with jsonb_each. */
const HAND_EACH = `${ENTRIES}
  SELECT e.tier, g.key AS group_id, count(*)::int AS suppliers,
         count(*) FILTER (WHERE g.value->'met' = g.value->'applicable')::int AS meeting,
         avg((g.value->>'met')::float8 / (g.value->>'applicable')::float8)
           FILTER (WHERE (g.value->>'applicable')::int > 0) AS avg
    FROM e JOIN score_snapshots s ON s.assessment_id = e.assessment_id
    CROSS JOIN LATERAL jsonb_each(s.categories) g
   WHERE g.key = ANY ($2::text[])
   GROUP BY e.tier, g.key
   ORDER BY e.tier, g.key`;

async function timeIt(n: number, fn: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

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
    const t0 = performance.now();
    const seed = await seedCascade(db, TIER1, PER_TIER1);
    const [counts] = await db.query<{ suppliers: number; answers: number; campaigns: number }[]>(
      `SELECT (SELECT count(*)::int FROM assessments) AS suppliers, (SELECT count(*)::int FROM assessment_answers) AS answers,
              (SELECT count(*)::int FROM campaigns) AS campaigns`,
    );
    const seeded = (performance.now() - t0) / 1000;
    const [headers] = await sessionHeaders(db, [seed.procurementId]);
    const url = `${server.url}/api/orgs/${seed.oemId}/insights/heatmap`;

    let api:
      | {
          tiers: {
            tier: number;
            suppliers: number;
            cells: {
              groupId: string;
              suppliers: number;
              meetingTarget: number;
              averageAchievement: number | null;
            }[];
          }[];
        }
      | undefined;
    let failures = 0;
    const http = await timeIt(REQUESTS, async () => {
      const res = await fetch(url, { headers });
      if (res.status !== 200) failures++;
      api = (await res.json()) as typeof api;
    });

    const pg = new Client({ connectionString: bench.url });
    await pg.connect();
    const groups = api!.tiers[0]!.cells.map((c) => c.groupId);
    let hand: Cell[] = [];
    const variants: { name: string; times: number[]; rows: Cell[] }[] = [];
    for (const [name, text] of [
      ['A: keys read directly', HAND_KEYS],
      ['B: jsonb_each', HAND_EACH],
    ] as const) {
      const times = await timeIt(REQUESTS, async () => {
        hand = (await pg.query<Cell>(text, [seed.oemId, groups])).rows;
      });
      variants.push({ name, times, rows: hand });
    }
    // C: the rows only (tier, categories), summed in JS: the API's own strategy, without the API around it.
    const rowsOnly = `${ENTRIES} SELECT e.tier, s.categories FROM e JOIN score_snapshots s ON s.assessment_id = e.assessment_id`;
    const cTimes = await timeIt(REQUESTS, async () => {
      const { rows } = await pg.query<{
        tier: number;
        categories: Record<string, { met: number; applicable: number }>;
      }>(rowsOnly, [seed.oemId]);
      const acc = new Map<string, { suppliers: number; meeting: number; rated: number; sum: number }>();
      for (const r of rows) {
        for (const g of groups) {
          const c = r.categories[g];
          if (!c) continue;
          const k = `${r.tier}:${g}`;
          const a = acc.get(k) ?? { suppliers: 0, meeting: 0, rated: 0, sum: 0 };
          a.suppliers++;
          if (c.met === c.applicable) a.meeting++;
          if (c.applicable > 0) {
            a.rated++;
            a.sum += c.met / c.applicable;
          }
          acc.set(k, a);
        }
      }
      hand = [...acc].map(([k, a]) => ({
        tier: Number(k.split(':')[0]),
        group_id: k.split(':')[1]!,
        suppliers: a.suppliers,
        meeting: a.meeting,
        avg: a.rated ? a.sum / a.rated : null,
      }));
    });
    variants.push({ name: 'C: rows + JS sum', times: cTimes, rows: hand });
    const best = variants.reduce((a, b) => (percentile(b.times, 95) < percentile(a.times, 95) ? b : a));
    const sql = best.times;
    hand = best.rows;
    await pg.end();

    // Same numbers?
    let mismatches = 0;
    for (const h of hand) {
      const cell = api!.tiers.find((t) => t.tier === h.tier)?.cells.find((c) => c.groupId === h.group_id);
      if (
        !cell ||
        cell.suppliers !== h.suppliers ||
        cell.meetingTarget !== h.meeting ||
        Math.abs((cell.averageAchievement ?? -1) - (h.avg ?? -1)) > 1e-9
      ) {
        mismatches++;
      }
    }

    const p = (xs: number[]) => [percentile(xs, 50), percentile(xs, 95)] as const;
    const [h50, h95] = p(http);
    const [s50, s95] = p(sql);
    console.log(
      `heatmap: ${counts!.suppliers} suppliers (${TIER1} Tier 1, ${TIER1 * PER_TIER1} Tier 2 via ${counts!.campaigns - 1} forwarded campaigns), ` +
        `${counts!.answers} answers; seeded in ${seeded.toFixed(1)} s`,
    );
    console.log(`${''.padEnd(40)}${'p50'.padStart(12)}${'p95'.padStart(12)}`);
    console.log(`${`HTTP GET heatmap (${REQUESTS} requests)`.padEnd(40)}${fmt(h50)} ms${fmt(h95)} ms`);
    for (const v of variants) {
      const [v50, v95] = p(v.times);
      console.log(
        `${`hand-written SQL ${v.name}`.padEnd(40)}${fmt(v50)} ms${fmt(v95)} ms${v === best ? '  ← baseline' : ''}`,
      );
    }
    console.log(
      `tiers: ${api!.tiers.map((t) => `Tier ${t.tier} ${t.suppliers}`).join(', ')}; HTTP failures: ${failures}; cells differing from SQL: ${mismatches} of ${hand.length}`,
    );
    console.log(
      `targets: p95 ≤ 150 ms → ${h95 <= 150 ? 'met' : 'NOT met'}; within 1.5× of SQL (p95 ${(h95 / s95).toFixed(2)}×, p50 ${(h50 / s50).toFixed(2)}×) → ${h95 <= 1.5 * s95 ? 'met' : 'NOT met'}`,
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
