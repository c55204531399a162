import { DEMO_PASSWORD, seedDemo } from '../../seed/demo';
import { seedDemoCampaign } from '../../seed/demo-campaign';
import { countRows, TEST_PASSWORD_HASH_COST } from '../support/factories';
import { browser, createTestApp, type TestApp } from '../support/test-app';

describe('demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates one OEM, 4 Tier 1 and 10 Tier 2 suppliers, users for every role, and is idempotent', async () => {
    const first = await seedDemo(t.db, TEST_PASSWORD_HASH_COST);
    expect(first.created).toBeGreaterThan(0);
    const counts = {
      orgs: await countRows(t.db, 'organizations'),
      links: await countRows(t.db, 'supply_links'),
      members: await countRows(t.db, 'memberships'),
    };
    expect(counts.orgs).toBe(15);
    expect(counts.links).toBe(14);
    const roles = await t.db.query<{ role: string }[]>(
      'SELECT DISTINCT role::text FROM memberships ORDER BY 1',
    );
    expect(roles.map((r) => r.role)).toEqual(['admin', 'evaluator', 'procurement', 'respondent']);

    expect(await seedDemo(t.db, TEST_PASSWORD_HASH_COST)).toEqual({ created: 0 });
    expect({
      orgs: await countRows(t.db, 'organizations'),
      links: await countRows(t.db, 'supply_links'),
      members: await countRows(t.db, 'memberships'),
    }).toEqual(counts);

    const b = await (await browser(t)).login('procurement@oem.demo', DEMO_PASSWORD);
    const me = await b.get('/api/auth/me').expect(200);
    const oemId = me.body.memberships[0].organizationId;
    const tier1 = await b.get(`/api/orgs/${oemId}/network?tier=1`).expect(200);
    expect(tier1.body.total).toBe(4);
    const tier2 = await b.get(`/api/orgs/${oemId}/network?tier=2`).expect(200);
    expect(tier2.body.total).toBe(9); // one Tier 2 link is not disclosed upstream
  });

  it('launches a demo campaign through the app services: invitations queued, one supplier submitted, idempotent', async () => {
    await seedDemo(t.db, TEST_PASSWORD_HASH_COST);
    expect(await seedDemoCampaign(t.app)).toEqual({ created: true });
    const rows = await t.db.query<{ name: string; status: string; answered: number; in_scope: number }[]>(
      `SELECT s.name, a.status, sn.answered, sn.in_scope FROM assessments a
         JOIN organizations s ON s.id = a.supplier_id JOIN score_snapshots sn ON sn.assessment_id = a.id
        ORDER BY s.name`,
    );
    expect(rows).toHaveLength(4);
    const brake = rows.find((r) => r.name === '東和ブレーキ工業株式会社')!;
    expect([brake.status, brake.answered]).toEqual(['submitted', brake.in_scope]);
    expect(await countRows(t.db, `mail_outbox WHERE kind = 'assessment-invitation'`)).toBe(4);
    expect(await seedDemoCampaign(t.app)).toEqual({ created: false });
    expect(await countRows(t.db, 'assessments')).toBe(4);
  });
});
