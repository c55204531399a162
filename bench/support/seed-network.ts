import type { DataSource } from 'typeorm';

/**
 * A buyer with `n` Tier 1 suppliers (set-based SQL, fast for tens of thousands), one procurement user for the
 * buyer and, when `respondents`, one respondent user per supplier. No passwords: benchmarks open sessions
 * directly.
 */
export async function seedNetwork(
  db: DataSource,
  n: number,
  opts: { respondents?: boolean } = {},
): Promise<{ buyerId: string; procurementId: string; supplierIds: string[]; respondentIds: string[] }> {
  const [buyer] = await db.query<{ id: string }[]>(
    `INSERT INTO organizations (name) VALUES ('ベンチ自動車株式会社') RETURNING id`,
  );
  const [user] = await db.query<{ id: string }[]>(
    `INSERT INTO users (email, name) VALUES ('procurement@bench.test', 'bench') RETURNING id`,
  );
  await db.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'procurement')`, [
    user!.id,
    buyer!.id,
  ]);
  const suppliers = await db.query<{ id: string }[]>(
    `INSERT INTO organizations (name)
     SELECT 'ベンチ部品 ' || lpad(g::text, 6, '0') FROM generate_series(1, $1) g
     RETURNING id`,
    [n],
  );
  const supplierIds = suppliers.map((s) => s.id);
  await db.query(
    `INSERT INTO supply_links (buyer_id, supplier_id, contact_email)
     SELECT $1, s, 'contact-' || row_number() OVER () || '@supplier.bench.test' FROM unnest($2::uuid[]) s`,
    [buyer!.id, supplierIds],
  );
  let respondentIds: string[] = [];
  if (opts.respondents) {
    const users = await db.query<{ id: string }[]>(
      `INSERT INTO users (email, name)
       SELECT 'respondent-' || g || '@supplier.bench.test', 'respondent ' || g FROM generate_series(1, $1) g
       RETURNING id`,
      [n],
    );
    respondentIds = users.map((u) => u.id);
    await db.query(
      `INSERT INTO memberships (user_id, organization_id, role)
       SELECT u, s, 'respondent' FROM unnest($1::uuid[], $2::uuid[]) AS x(u, s)`,
      [respondentIds, supplierIds],
    );
  }
  return { buyerId: buyer!.id, procurementId: user!.id, supplierIds, respondentIds };
}
