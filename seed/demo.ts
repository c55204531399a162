import type { DataSource } from 'typeorm';
import { hashPassword, scryptParams } from '../apps/api/src/auth/password';
import { withCheckDigit } from '../apps/api/src/organizations/corporate-number';
import type { MemberRole } from '../apps/api/src/organizations/membership.entity';
import type { SizeBand } from '../apps/api/src/organizations/organization.entity';
import type { Criticality } from '../apps/api/src/network/supply-link.entity';

/** The demo password shown by the quick start. Demo data only; never used outside a local install. */
export const DEMO_PASSWORD = 'tierstar-demo';

interface DemoOrg {
  key: string;
  name: string;
  base: string; // 12-digit base of a fictional 法人番号
  sizeBand: SizeBand;
  industry: string;
}

const OEM: DemoOrg = {
  key: 'oem',
  name: 'サンプル自動車株式会社',
  base: '900000000001',
  sizeBand: 'large',
  industry: '自動車製造',
};
/** A second buyer that asks 東和ブレーキ to be its supplier: the request waits for 東和ブレーキ's admin (demo-campaign). */
export const TRADING: DemoOrg = {
  key: 'trading',
  name: 'サンプル商事株式会社',
  base: '900000000002',
  sizeBand: 'medium',
  industry: '商社',
};
const TIER1: DemoOrg[] = [
  {
    key: 't1-brake',
    name: '東和ブレーキ工業株式会社',
    base: '900000000101',
    sizeBand: 'large',
    industry: 'ブレーキ部品',
  },
  {
    key: 't1-seat',
    name: '北辰シート株式会社',
    base: '900000000102',
    sizeBand: 'medium',
    industry: 'シート・内装',
  },
  { key: 't1-elec', name: '瑞穂電装株式会社', base: '900000000103', sizeBand: 'large', industry: '電装品' },
  {
    key: 't1-press',
    name: '中部プレス工業株式会社',
    base: '900000000104',
    sizeBand: 'medium',
    industry: 'プレス部品',
  },
];
const TIER2: (DemoOrg & { buyer: string; disclose: boolean })[] = [
  {
    key: 't2-1',
    name: '有限会社山田鋳造所',
    base: '900000000201',
    sizeBand: 'micro',
    industry: '鋳造',
    buyer: 't1-brake',
    disclose: true,
  },
  {
    key: 't2-2',
    name: '株式会社川口ゴム',
    base: '900000000202',
    sizeBand: 'small',
    industry: 'ゴム部品',
    buyer: 't1-brake',
    disclose: true,
  },
  {
    key: 't2-3',
    name: '株式会社三河精機',
    base: '900000000203',
    sizeBand: 'small',
    industry: '切削加工',
    buyer: 't1-brake',
    disclose: false,
  },
  {
    key: 't2-4',
    name: '株式会社北陸ファブリック',
    base: '900000000204',
    sizeBand: 'small',
    industry: '繊維',
    buyer: 't1-seat',
    disclose: true,
  },
  {
    key: 't2-5',
    name: '株式会社ウレタン化研',
    base: '900000000205',
    sizeBand: 'medium',
    industry: '化学',
    buyer: 't1-seat',
    disclose: true,
  },
  {
    key: 't2-6',
    name: '株式会社浜松基板',
    base: '900000000206',
    sizeBand: 'small',
    industry: '電子基板',
    buyer: 't1-elec',
    disclose: true,
  },
  {
    key: 't2-7',
    name: '株式会社信州センサー',
    base: '900000000207',
    sizeBand: 'small',
    industry: 'センサー',
    buyer: 't1-elec',
    disclose: true,
  },
  {
    key: 't2-8',
    name: '合同会社ソフト工房あおば',
    base: '900000000208',
    sizeBand: 'micro',
    industry: '組込みソフトウェア',
    buyer: 't1-elec',
    disclose: true,
  },
  {
    key: 't2-9',
    name: '株式会社岐阜金型',
    base: '900000000209',
    sizeBand: 'small',
    industry: '金型',
    buyer: 't1-press',
    disclose: true,
  },
  {
    key: 't2-10',
    name: '株式会社東海メッキ',
    base: '900000000210',
    sizeBand: 'micro',
    industry: '表面処理',
    buyer: 't1-press',
    disclose: true,
  },
];
const CRITICALITY: Record<string, Criticality> = {
  't1-brake': 'critical',
  't1-seat': 'medium',
  't1-elec': 'high',
  't1-press': 'medium',
};

export const DEMO_USERS: { email: string; name: string; org: string; role: MemberRole }[] = [
  { email: 'admin@oem.demo', name: '佐藤 管理者', org: 'oem', role: 'admin' },
  { email: 'procurement@oem.demo', name: '鈴木 調達', org: 'oem', role: 'procurement' },
  { email: 'evaluator@oem.demo', name: '高橋 評価', org: 'oem', role: 'evaluator' },
  { email: 'admin@brake.demo', name: '小林 管理者', org: 't1-brake', role: 'admin' },
  { email: 'respondent@brake.demo', name: '田中 回答', org: 't1-brake', role: 'respondent' },
  { email: 'procurement@brake.demo', name: '伊藤 調達', org: 't1-brake', role: 'procurement' },
  { email: 'respondent@yamada.demo', name: '山田 一郎', org: 't2-1', role: 'respondent' },
  { email: 'procurement@trading.demo', name: '中村 調達', org: 'trading', role: 'procurement' },
];

/** The seed's demo accounts share a published password: never in production. */
export function assertSeedAllowed(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'seed: refusing to run with NODE_ENV=production (demo accounts with a published password). Seed a development or staging database instead.',
    );
  }
}

/**
 * Creates the demo network and users. Idempotent: running it again changes nothing. `passwordHashCost` is the
 * app's PASSWORD_HASH_COST (log2 of scrypt N; tests use a small one).
 */
export async function seedDemo(db: DataSource, passwordHashCost = 17): Promise<{ created: number }> {
  assertSeedAllowed();
  const passwordHash = await hashPassword(DEMO_PASSWORD, scryptParams(passwordHashCost));
  return db.transaction(async (m) => {
    let created = 0;
    const ids = new Map<string, string>();
    for (const o of [OEM, TRADING, ...TIER1, ...TIER2]) {
      const corporateNumber = withCheckDigit(o.base);
      const rows = await m.query<{ id: string; inserted: boolean }[]>(
        `INSERT INTO organizations (name, corporate_number, size_band, industry) VALUES ($1, $2, $3, $4)
         ON CONFLICT (corporate_number) WHERE corporate_number IS NOT NULL DO UPDATE SET corporate_number = EXCLUDED.corporate_number
         RETURNING id, (xmax = 0) AS inserted`,
        [o.name, corporateNumber, o.sizeBand, o.industry],
      );
      ids.set(o.key, rows[0]!.id);
      if (rows[0]!.inserted) created++;
    }
    const link = async (
      buyer: string,
      supplier: string,
      criticality: Criticality,
      disclose: boolean,
      tags: string[],
    ) => {
      // Established relationships: the supplier's number on the link, nothing pending.
      const r = await m.query<unknown[]>(
        `INSERT INTO supply_links (buyer_id, supplier_id, corporate_number, criticality, disclose_upstream, tags,
                                   contact_email)
         SELECT $1, $2, o.corporate_number, $3, $4, $5, $6 FROM organizations o WHERE o.id = $2
         ON CONFLICT (buyer_id, supplier_id) DO NOTHING RETURNING id`,
        [ids.get(buyer), ids.get(supplier), criticality, disclose, tags, `security@${supplier}.demo`],
      );
      created += r.length;
    };
    for (const t1 of TIER1)
      await link('oem', t1.key, CRITICALITY[t1.key] ?? 'medium', false, ['tier1', t1.industry]);
    for (const t2 of TIER2) await link(t2.buyer, t2.key, 'medium', t2.disclose, [t2.industry]);
    for (const u of DEMO_USERS) {
      const rows = await m.query<{ id: string }[]>(
        `INSERT INTO users (email, name, password_hash, locale) VALUES ($1, $2, $3, 'ja')
         ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
        [u.email, u.name, passwordHash],
      );
      // Demo accounts are verified (they sign in at once), as of their creation; a re-run verifies rows from
      // older seeds too.
      await m.query(
        'UPDATE users SET email_verified_at = created_at WHERE id = $1 AND email_verified_at IS NULL',
        [rows[0]!.id],
      );
      const r = await m.query<unknown[]>(
        `INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
        [rows[0]!.id, ids.get(u.org), u.role],
      );
      created += r.length;
    }
    return { created };
  });
}
