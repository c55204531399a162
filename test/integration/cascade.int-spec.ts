import type { AnswerValue } from '@tierstar/scoring';
import { answerAll, assessmentOf, DECLARATION, linkSuppliers, signedIn } from '../support/cascade-fixtures';
import { launchCampaign, makeNetwork, metiStar3Ids } from '../support/campaign-fixtures';
import { countRows, makeUser, PASSWORD } from '../support/factories';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';
import { daysFromToday } from '../support/clock';

const SECRET = 'TIER2-SECRET-NOTE';

jest.setTimeout(120_000);

describe('cascade: forwarding to Tier 2 and upstream consent', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ROLE: 'api' });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** OEM → Tier 1 → three Tier 2 (submitted, consents full / summary / none). */
  async function cascade() {
    const net = await makeNetwork(t.db, 1);
    const oem = await (await browser(t)).login(net.procurement.email, PASSWORD);
    const tier1 = net.suppliers[0]!.org;
    const rootId = await launchCampaign(oem, net.buyer.id);
    const tier1Assessment = await assessmentOf(t.db, rootId, tier1.id);
    const { client: tier1Admin } = await signedIn(t, tier1, 'admin');
    const tier2 = await linkSuppliers(t.db, tier1, [
      { name: 'Tier2 全部開示', tags: ['press'] },
      { name: 'Tier2 概要のみ', tags: ['press'] },
      { name: 'Tier2 非開示 ZZZ', tags: ['mold'] },
    ]);
    const forwarded = await tier1Admin
      .post(`/api/assessments/${tier1Assessment}/forward`, {
        dueDate: daysFromToday(t, 200),
        message: '上位のお客様からの依頼です。',
        selection: { all: true },
      })
      .expect(201);
    const childId = (forwarded.body as { campaignId: string }).campaignId;
    const clients: TestBrowser[] = [];
    const ids: string[] = [];
    const answers: Record<string, AnswerValue> = {};
    for (const [i, id] of metiStar3Ids().entries()) answers[id] = i % 9 === 0 ? 'not_met' : 'met';
    for (const org of tier2) {
      const { client } = await signedIn(t, org, 'respondent');
      const id = await assessmentOf(t.db, childId, org.id);
      await answerAll(client, id, answers, { note: SECRET });
      clients.push(client);
      ids.push(id);
    }
    const levels = ['full', 'summary', 'none'] as const;
    for (const [i, level] of levels.entries()) {
      const res = await clients[i]!.put(`/api/assessments/${ids[i]}/consent`, { level }).expect(200);
      expect(res.body.level).toBe(level);
    }
    return { net, oem, tier1, tier1Admin, tier1Assessment, rootId, childId, forwarded, tier2, clients, ids };
  }

  it('forward creates and launches a child campaign with the same catalogue and target; never twice per supplier', async () => {
    const c = await cascade();
    expect(c.forwarded.body).toMatchObject({ assessments: 3, invitations: 3, skippedSupplierIds: [] });
    const [child] = await t.db.query(
      `SELECT buyer_id, parent_campaign_id, parent_assessment_id, catalogue_id, catalogue_version, status
         FROM campaigns WHERE id = $1`,
      [c.childId],
    );
    const [root] = await t.db.query('SELECT catalogue_id, catalogue_version FROM campaigns WHERE id = $1', [
      c.rootId,
    ]);
    expect(child).toEqual({
      buyer_id: c.tier1.id,
      parent_campaign_id: c.rootId,
      parent_assessment_id: c.tier1Assessment,
      catalogue_id: root.catalogue_id,
      catalogue_version: root.catalogue_version,
      status: 'launched',
    });
    const targets = await t.db.query('SELECT DISTINCT target_level FROM assessments WHERE campaign_id = $1', [
      c.childId,
    ]);
    expect(targets).toEqual([{ target_level: 3 }]);

    // The same suppliers again: refused, nothing created.
    const before = await countRows(t.db, 'assessments');
    const again = await c.tier1Admin.post(`/api/assessments/${c.tier1Assessment}/forward`, {
      dueDate: daysFromToday(t, 200),
      selection: { tags: ['press'] },
    });
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_FORWARDED']);
    expect(await countRows(t.db, 'assessments')).toBe(before);

    // A new supplier plus an old one: only the new one gets an assessment; the old one is reported skipped.
    const [extra] = await linkSuppliers(t.db, c.tier1, [{ name: 'Tier2 追加' }]);
    const partial = await c.tier1Admin
      .post(`/api/assessments/${c.tier1Assessment}/forward`, {
        dueDate: daysFromToday(t, 200),
        selection: { supplierIds: [extra!.id, c.tier2[0]!.id] },
      })
      .expect(201);
    expect(partial.body).toMatchObject({ assessments: 1, skippedSupplierIds: [c.tier2[0]!.id] });
    expect(await countRows(t.db, 'assessments')).toBe(before + 1);

    const list = await c.tier1Admin.get(`/api/assessments/${c.tier1Assessment}/forwards`).expect(200);
    expect(list.body.items).toHaveLength(2);
    const first = list.body.items.find((x: { campaignId: string }) => x.campaignId === c.childId);
    expect(first).toMatchObject({
      supplierCount: 3,
      statusCounts: { submitted: 3 },
      consentCounts: { full: 1, summary: 1, none: 1 },
    });

    // Only the supplier's admin or procurement may forward; the OEM cannot forward its supplier's assessment.
    const { client: respondent } = await signedIn(t, c.tier1, 'respondent');
    const denied = await respondent.post(`/api/assessments/${c.tier1Assessment}/forward`, {
      dueDate: daysFromToday(t, 200),
      selection: { all: true },
    });
    expect(denied.status).toBe(403);
    await c.oem
      .post(`/api/assessments/${c.tier1Assessment}/forward`, {
        dueDate: daysFromToday(t, 200),
        selection: { all: true },
      })
      .expect(403);
    // A past due date is refused.
    const past = await c.tier1Admin.post(`/api/assessments/${c.tier1Assessment}/forward`, {
      dueDate: '2000-01-01',
      selection: { all: true },
    });
    expect(past.status).toBe(400);
  });

  it('the OEM reads a Tier 2 assessment only with full consent, never writes it, and sees consent changes at once', async () => {
    const c = await cascade();
    const [full, summary, none] = c.ids as [string, string, string];
    const seen = await c.oem.get(`/api/assessments/${full}`).expect(200);
    expect(seen.body.viewerRoles).toEqual(['upstream']);
    expect(seen.body.upstreamConsent).toBe('full');
    expect(seen.body.answers.length).toBe(metiStar3Ids().length);
    expect(JSON.stringify(seen.body)).toContain(SECRET);
    for (const id of [summary, none]) {
      const res = await c.oem.get(`/api/assessments/${id}`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }

    // Never write access, even with full consent.
    const criterion = encodeURIComponent(metiStar3Ids()[0]!);
    await c.oem
      .put(`/api/assessments/${full}/answers/${criterion}`, { value: 'met', baseVersion: 1 })
      .expect(404);
    await c.oem.post(`/api/assessments/${full}/accept`, {}).expect(404);
    await c.oem
      .post(`/api/assessments/${full}/return`, { comments: [{ criterionId: 'x', body: 'y' }] })
      .expect(404);
    await c.oem.put(`/api/assessments/${full}/consent`, { level: 'full' }).expect(403);
    await c.oem.post(`/api/assessments/${full}/submit`, DECLARATION).expect(404);

    // Consent changes apply immediately, both ways, and are audited.
    await c.clients[0]!.put(`/api/assessments/${full}/consent`, { level: 'none' }).expect(200);
    await c.oem.get(`/api/assessments/${full}`).expect(404);
    await c.clients[1]!.put(`/api/assessments/${summary}/consent`, { level: 'full' }).expect(200);
    const now = await c.oem.get(`/api/assessments/${summary}`).expect(200);
    expect(now.body.answers.length).toBe(metiStar3Ids().length);
    const audits = await t.db.query(
      `SELECT entity_id, before, after FROM audit_events WHERE action = 'assessment.consent_changed'
        AND entity_id = ANY($1::text[]) ORDER BY id`,
      [[full, summary]],
    );
    expect(audits.map((a: { before: object; after: object }) => [a.before, a.after])).toEqual([
      [{ upstreamConsent: 'none' }, { upstreamConsent: 'full' }],
      [{ upstreamConsent: 'none' }, { upstreamConsent: 'summary' }],
      [{ upstreamConsent: 'full' }, { upstreamConsent: 'none' }],
      [{ upstreamConsent: 'summary' }, { upstreamConsent: 'full' }],
    ]);

    // Consent is the supplier's: its buyer (the Tier 1) and other suppliers cannot set it.
    await c.tier1Admin.put(`/api/assessments/${none}/consent`, { level: 'full' }).expect(403);
    await c.clients[0]!.put(`/api/assessments/${none}/consent`, { level: 'full' }).expect(404);
    const bad = await c.clients[2]!.put(`/api/assessments/${none}/consent`, { level: 'everything' });
    expect(bad.status).toBe(400);
    // An unrelated organization's staff see nothing.
    const stranger = await (await browser(t)).login((await makeUser(t.db, null)).email, PASSWORD);
    await stranger.get(`/api/assessments/${c.ids[1]}`).expect(404);
  });

  it('Tier 2 answers never leak through insights for summary or none', async () => {
    const c = await cascade();
    const [fullOrg, summaryOrg, noneOrg] = c.tier2 as [typeof c.tier1, typeof c.tier1, typeof c.tier1];
    const base = `/api/orgs/${c.net.buyer.id}/insights`;
    const bodies: string[] = [];
    const get = async (path: string) => {
      const res = await c.oem.get(path).expect(200);
      bodies.push(
        typeof res.body === 'object' && Object.keys(res.body).length ? JSON.stringify(res.body) : res.text,
      );
      return res;
    };
    // Two Tier 2 suppliers that are not full (summary, none): every Tier 2 figure is hidden (k = 5).
    const heat = await get(`${base}/heatmap`);
    expect(
      heat.body.tiers.map((x: { hidden: boolean; suppliers: number | null }) => [x.hidden, x.suppliers]),
    ).toEqual([
      [false, 0],
      [true, null],
    ]);
    expect(
      heat.body.tiers[1].cells.every(
        (x: { hidden: boolean; suppliers: number | null }) => x.hidden && x.suppliers === null,
      ),
    ).toBe(true);
    const dist = await get(`${base}/distribution`);
    expect(dist.body.tiers[1]).toEqual({
      tier: 2,
      hidden: true,
      suppliers: null,
      levels: [],
      openRemediation: null,
      overdueRemediation: null,
    });
    const list = await get(`${base}/suppliers?tier=2`);
    expect(list.body.total).toBe(2);
    expect(list.body.hiddenByConsent).toBeNull();
    const rows = Object.fromEntries(
      list.body.items.map((r: { supplierId: string }) => [r.supplierId, r] as const),
    ) as Record<string, { consent: string; assessmentId: string | null; level: number | null }>;
    expect(rows[fullOrg.id]).toMatchObject({ consent: 'full', assessmentId: c.ids[0] });
    expect(rows[summaryOrg.id]).toMatchObject({ consent: 'summary', assessmentId: null });
    expect(rows[noneOrg.id]).toBeUndefined();
    for (const g of ['1', '2', '7']) await get(`${base}/cells?tier=2&groupId=${g}`);
    const summary = await get(`${base}/suppliers/${summaryOrg.id}`);
    expect(summary.body).toMatchObject({
      consent: 'summary',
      gaps: null,
      remediation: null,
      categories: null,
    });
    expect(summary.body.openRemediation).toBeGreaterThan(0);
    const detail = await get(`${base}/suppliers/${fullOrg.id}`);
    expect(detail.body.gaps.length).toBeGreaterThan(0);
    await c.oem.get(`${base}/suppliers/${noneOrg.id}`).expect(404);
    await get(`${base}/suppliers.csv`);
    await get(`${base}/heatmap.csv`);
    for (const b of bodies) {
      expect(b).not.toContain(SECRET);
      expect(b).not.toContain(noneOrg.id);
      expect(b).not.toContain(noneOrg.name);
      expect(b).not.toContain(c.ids[1]!);
      expect(b).not.toContain(c.ids[2]!);
    }
    // The Tier 1 sees its own suppliers as direct (Tier 1), whatever their upstream consent.
    const own = await c.tier1Admin.get(`/api/orgs/${c.tier1.id}/insights/suppliers`).expect(200);
    expect(own.body.items.map((r: { consent: string }) => r.consent)).toEqual(['direct', 'direct', 'direct']);
    // Other tenants: 404.
    await c.tier1Admin.get(`${base}/heatmap`).expect(404);
  });
});
