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

  it('creates one OEM, a second buyer, 4 Tier 1 and 10 Tier 2 suppliers, users for every role, and is idempotent', async () => {
    const first = await seedDemo(t.db, TEST_PASSWORD_HASH_COST);
    expect(first.created).toBeGreaterThan(0);
    const counts = {
      orgs: await countRows(t.db, 'organizations'),
      links: await countRows(t.db, 'supply_links'),
      members: await countRows(t.db, 'memberships'),
    };
    expect(counts.orgs).toBe(16);
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
    expect(rows).toHaveLength(5);
    const brake = rows.find((r) => r.name === '東和ブレーキ工業株式会社')!;
    expect([brake.status, brake.answered]).toEqual(['submitted', brake.in_scope]);
    // The OEM's four invitations; サンプル商事's waits for 東和ブレーキ's admin, who sees the request.
    expect(await countRows(t.db, `mail_outbox WHERE kind = 'assessment-invitation'`)).toBe(4);
    expect(await countRows(t.db, `mail_outbox WHERE to_email = 'sales@t1-brake.demo'`)).toBe(0);
    const admin = await (await browser(t)).login('admin@brake.demo', DEMO_PASSWORD);
    const brakeId = (await admin.get('/api/auth/me').expect(200)).body.memberships[0].organizationId;
    const requests = await admin.get(`/api/orgs/${brakeId}/supplier-requests`).expect(200);
    expect(requests.body.items).toMatchObject([
      {
        buyer: { name: 'サンプル商事株式会社' },
        requestedName: '東和ブレーキ',
        contactEmail: 'sales@t1-brake.demo',
        assessments: [{ status: 'invited' }],
      },
    ]);
    expect(await seedDemoCampaign(t.app)).toEqual({ created: false });
    expect(await countRows(t.db, 'assessments')).toBe(5);
  });
});
