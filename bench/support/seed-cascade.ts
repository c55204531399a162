import { getCatalogue } from '@tierstar/guidelines';
import { ANSWER_CODES, ANSWER_VALUES } from '@tierstar/scoring';
import type { DataSource } from 'typeorm';
import { computeSnapshot, scoringContext } from '../../apps/api/src/assessments/snapshot';

const REGIONS = ['東京都', '愛知県', '大阪府', '静岡県', '群馬県'];
const TAGS = ['press', 'mold', 'electronics', 'logistics'];
const CRITICALITIES = ['low', 'medium', 'high', 'critical'];
const CONSENTS = ['full', 'summary', 'none'];
const CHUNK = 2000;

/** Deterministic PRNG (mulberry32), so every run seeds the same network. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CascadeSeed {
  oemId: string;
  procurementId: string;
  rootCampaignId: string;
}

/**
 * An OEM with `tier1` direct suppliers, each forwarding the OEM's METI campaign (target ★4, all 153 criteria)
 * to `perTier1` of its own suppliers, all submitted, Tier 2 consents mixed. Answers and score snapshots are
 * written set-based; snapshots are computed with the API's computeSnapshot.
 */
export async function seedCascade(db: DataSource, tier1: number, perTier1: number): Promise<CascadeSeed> {
  const catalogue = getCatalogue('meti-scs')!;
  const ctx = scoringContext(catalogue);
  const target = 4;
  const rnd = prng(20270131);
  const [oem] = await db.query<{ id: string }[]>(
    `INSERT INTO organizations (name, size_band, region) VALUES ('ベンチ自動車株式会社', 'large', '愛知県') RETURNING id`,
  );
  const [user] = await db.query<{ id: string }[]>(
    `INSERT INTO users (email, name) VALUES ('procurement@heatmap.bench.test', 'bench') RETURNING id`,
  );
  await db.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'procurement')`, [
    user!.id,
    oem!.id,
  ]);
  const total = tier1 * (1 + perTier1);
  const orgs = await db.query<{ id: string }[]>(
    `INSERT INTO organizations (name, size_band, region)
     SELECT 'ベンチ部品 ' || lpad(g::text, 6, '0'), (ARRAY['micro','small','medium','large'])[1 + g % 4]::size_band,
            ($2::text[])[1 + g % array_length($2::text[], 1)]
       FROM generate_series(1, $1) g ORDER BY g
     RETURNING id`,
    [total, REGIONS],
  );
  const t1 = orgs.slice(0, tier1).map((o) => o.id);
  const t2 = orgs.slice(tier1).map((o) => o.id);
  const t2Buyer = t2.map((_, i) => t1[Math.floor(i / perTier1)]!);
  const links = (buyers: string[], suppliers: string[]) =>
    db.query(
      `INSERT INTO supply_links (buyer_id, supplier_id, contact_email, tags, criticality, disclose_upstream)
       SELECT b, s, 'c' || row_number() OVER () || '@' || left(s::text, 8) || '.bench.test',
              ARRAY[($3::text[])[1 + (row_number() OVER ())::int % 4]],
              ($4::text[])[1 + (row_number() OVER ())::int % 4]::criticality, true
         FROM unnest($1::uuid[], $2::uuid[]) AS x(b, s)`,
      [buyers, suppliers, TAGS, CRITICALITIES],
    );
  await links(
    t1.map(() => oem!.id),
    t1,
  );
  await links(t2Buyer, t2);

  const [root] = await db.query<{ id: string }[]>(
    `INSERT INTO campaigns (buyer_id, title, catalogue_id, catalogue_version, catalogue, due_date, status, launched_at,
                            created_by)
     VALUES ($1, '2027年度 サプライチェーン自己評価', $2, $3, $4, '2099-12-31', 'launched', now(), $5) RETURNING id`,
    [oem!.id, catalogue.id, catalogue.version, JSON.stringify(catalogue), user!.id],
  );
  const t1Assessments = await db.query<{ id: string; supplier_id: string }[]>(
    `INSERT INTO assessments (campaign_id, buyer_id, supplier_id, target_level, status, round, submitted_at,
                              contact_email)
     SELECT $1, $2, s, $4, 'submitted', 1, now() - (random() * interval '30 days'), 'bench@bench.test'
       FROM unnest($3::uuid[]) s
     RETURNING id, supplier_id`,
    [root!.id, oem!.id, t1, target],
  );
  const children = await db.query<{ id: string; buyer_id: string }[]>(
    `INSERT INTO campaigns (buyer_id, title, catalogue_id, catalogue_version, catalogue, due_date, status, launched_at,
                            parent_campaign_id, parent_assessment_id)
     SELECT a.supplier_id, r.title, r.catalogue_id, r.catalogue_version, r.catalogue, '2099-12-31', 'launched', now(),
            r.id, a.id
       FROM campaigns r JOIN assessments a ON a.campaign_id = r.id
      WHERE r.id = $1
     RETURNING id, buyer_id`,
    [root!.id],
  );
  const childOf = new Map(children.map((c) => [c.buyer_id, c.id]));
  const t2Assessments = await db.query<{ id: string }[]>(
    `INSERT INTO assessments (campaign_id, buyer_id, supplier_id, target_level, status, round, submitted_at,
                              contact_email, upstream_consent, consent_updated_at)
     SELECT c, b, s, $4, 'submitted', 1, now() - (random() * interval '30 days'), 'bench@bench.test', k::consent_level,
            now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $5::text[]) AS x(c, b, s, k)
     RETURNING id`,
    [t2Buyer.map((b) => childOf.get(b)!), t2Buyer, t2, target, t2.map((_, i) => CONSENTS[i % 3]!)],
  );

  // Answers: each supplier has its own maturity; codes → snapshot (API code) → answers (SQL from the codes).
  const ids = [...t1Assessments.map((a) => a.id), ...t2Assessments.map((a) => a.id)];
  const n = ctx.compiled.size;
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const cols = {
      codes: [] as string[],
      level: [] as (number | null)[],
      inScope: [] as number[],
      answered: [] as number[],
      met: [] as number[],
      applicable: [] as number[],
      levels: [] as string[],
      categories: [] as string[],
      gaps: [] as string[],
    };
    for (let k = 0; k < chunk.length; k++) {
      const maturity = 0.55 + rnd() * 0.45;
      const codes = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const r = rnd();
        codes[i] =
          r < maturity
            ? ANSWER_CODES.met
            : r < maturity + (1 - maturity) * 0.15
              ? ANSWER_CODES.not_applicable
              : r < maturity + (1 - maturity) * 0.6
                ? ANSWER_CODES.not_met
                : r < maturity + (1 - maturity) * 0.9
                  ? ANSWER_CODES.partial
                  : ANSWER_CODES.unknown;
      }
      const s = computeSnapshot(ctx, codes, target, null);
      cols.codes.push(Buffer.from(codes).toString('hex'));
      cols.level.push(s.level);
      cols.inScope.push(s.inScope);
      cols.answered.push(s.answered);
      cols.met.push(s.met);
      cols.applicable.push(s.applicable);
      cols.levels.push(JSON.stringify(s.levels));
      cols.categories.push(JSON.stringify(s.categories));
      cols.gaps.push(JSON.stringify(s.gaps));
    }
    await db.query(
      `INSERT INTO score_snapshots (assessment_id, codes, level, confirmed_level, points, in_scope, answered, met,
                                    applicable, levels, categories, gaps)
       SELECT a, decode(c, 'hex'), l, NULL, NULL, i, an, m, ap, lv::jsonb, ca::jsonb,
              ARRAY(SELECT jsonb_array_elements_text(g::jsonb))
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::text[],
                     $9::text[], $10::text[]) AS x(a, c, l, i, an, m, ap, lv, ca, g)`,
      [
        chunk,
        cols.codes,
        cols.level,
        cols.inScope,
        cols.answered,
        cols.met,
        cols.applicable,
        cols.levels,
        cols.categories,
        cols.gaps,
      ],
    );
  }
  // Answer rows from the snapshot codes, set-based (value by code; n/a answers carry a reason).
  const values = ['', ...ANSWER_VALUES.map(() => '')];
  for (const v of ANSWER_VALUES) values[ANSWER_CODES[v]] = v;
  await db.query(
    `INSERT INTO assessment_answers (assessment_id, criterion_id, value, note, na_reason, version, provenance)
     SELECT s.assessment_id, c.id, ($2::text[])[get_byte(s.codes, (c.i - 1)::int) + 1]::answer_value, '',
            CASE WHEN get_byte(s.codes, (c.i - 1)::int) = $3 THEN 'bench' ELSE '' END, 1, 'form'
       FROM score_snapshots s CROSS JOIN unnest($1::text[]) WITH ORDINALITY AS c(id, i)
      WHERE get_byte(s.codes, (c.i - 1)::int) <> 0`,
    [catalogue.criteria.map((c) => c.id), values, ANSWER_CODES.not_applicable],
  );
  await db.query('ANALYZE');
  return { oemId: oem!.id, procurementId: user!.id, rootCampaignId: root!.id };
}
