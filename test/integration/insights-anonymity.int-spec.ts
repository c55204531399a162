import { getCatalogue } from '@tierstar/guidelines';
import type { AnswerValue } from '@tierstar/scoring';
import ExcelJS from 'exceljs';
import { AnswersService } from '../../apps/api/src/assessments/answers.service';
import { loadAccess } from '../../apps/api/src/assessments/assessment-access';
import { ReviewService } from '../../apps/api/src/assessments/review.service';
import { Clock } from '../../apps/api/src/common/clock';
import type { Organization } from '../../apps/api/src/organizations/organization.entity';
import { tokyoDate } from '../../apps/api/src/reminders/calendar/business-calendar';
import { assessmentOf, DECLARATION, linkSuppliers, signedIn } from '../support/cascade-fixtures';
import { makeOrg, makeUser } from '../support/factories';
import { type TestApp, type TestBrowser, createTestApp } from '../support/test-app';

jest.setTimeout(180_000);

/**
 * The attacks an OEM (or anyone holding its read token) can try on the insights of its Tier 2 suppliers: find a
 * supplier that shares nothing in a small group, narrow a filter down to one supplier, subtract two answers,
 * read criterion-level gaps of a supplier that shares a summary only. All over HTTP against the real app.
 */
const meti = getCatalogue('meti-scs')!;
const NOW = new Date('2031-02-03T01:00:00Z');
const DUE = tokyoDate(new Date(NOW.getTime() + 90 * 86_400_000));
const STAR3 = meti.criteria.filter((c) => c.level <= 3).map((c) => c.id);
const CRITERION_STRINGS = meti.criteria.map((c) => `"${c.id}"`);

/** Answers up to ★3 with a gap every `gapEvery` criteria (offset by `seed`), so each supplier differs. */
function answers(seed: number, gapEvery: number): Record<string, AnswerValue> {
  return Object.fromEntries(
    STAR3.map((id, i) => [id, (i + seed) % gapEvery === 0 ? 'not_met' : 'met'] as const),
  );
}

type Body = { tiers: { tier: number; hidden: boolean; suppliers: number | null }[] };

describe('insights anonymity: what an OEM cannot learn about Tier 2 suppliers that do not share everything', () => {
  let t: TestApp;
  let oem: Organization;
  let oemClient: TestBrowser;
  let rootId: string;
  let tier1: Organization;
  const t2: Record<string, { org: Organization; assessmentId: string; userId: string }> = {};

  async function submit(name: string, consent: 'full' | 'summary' | 'none', seed: number) {
    const s = t2[name]!;
    await t.db.transaction(async (m) => {
      const access = await loadAccess(m, s.assessmentId, s.userId, { lock: true });
      await t.app.get(AnswersService).apply(
        m,
        access,
        Object.entries(answers(seed, 4 + (seed % 3))).map(([criterionId, value]) => ({
          criterionId,
          value,
          note: 'T2-SECRET-NOTE',
          naReason: '',
        })),
        { provenance: 'form', source: null, userId: s.userId },
      );
    });
    await t.app.get(ReviewService).submit(s.userId, s.assessmentId, DECLARATION);
    if (consent !== 'none') {
      const { client } = await signedIn(t, s.org, 'respondent');
      await client.put(`/api/assessments/${s.assessmentId}/consent`, { level: consent }).expect(200);
    }
  }

  const base = () => `/api/orgs/${oem.id}/insights`;
  const heat = async (q: string) => (await oemClient.get(`${base()}/heatmap?${q}`).expect(200)).body as Body;
  const tier2 = async (q: string) => (await heat(q)).tiers[1]!;

  /** Everything the OEM can ask about its insights with these filters, as text. */
  async function everything(q: string): Promise<string[]> {
    const out: string[] = [];
    for (const path of [
      `heatmap?${q}`,
      `distribution?${q}`,
      `suppliers?limit=500&${q}`,
      `suppliers?tier=2&limit=500&${q}`,
      `cells?tier=2&groupId=${meti.groups[0]!.id}&${q}`,
      `cells?tier=2&groupId=${meti.groups[3]!.id}&meeting=false&${q}`,
      `heatmap.csv?${q}`,
      `suppliers.csv?${q}`,
    ]) {
      const res = await oemClient.get(`${base()}/${path}`).expect(200);
      out.push(res.type === 'application/json' ? JSON.stringify(res.body) : res.text);
    }
    for (const path of [`heatmap.xlsx?${q}`, `suppliers.xlsx?${q}`]) {
      const res = await oemClient
        .get(`${base()}/${path}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      const cells: string[] = [];
      wb.worksheets[0]!.eachRow((row) => cells.push(JSON.stringify(row.values)));
      out.push(cells.join('\n'));
    }
    return out;
  }

  beforeAll(async () => {
    t = await createTestApp({ ROLE: 'api' });
    t.app.get(Clock).set(NOW);
    oem = await makeOrg(t.db, { name: 'OEM 匿名性' });
    ({ client: oemClient } = await signedIn(t, oem, 'procurement'));
    [tier1] = (await linkSuppliers(t.db, oem, [
      { name: 'T1 経由', tags: ['press'], criticality: 'high', region: '愛知県' },
    ])) as [Organization];
    const created = await oemClient
      .post(`/api/orgs/${oem.id}/campaigns`, {
        title: '匿名性の確認',
        catalogueId: 'meti-scs',
        dueDate: DUE,
        selection: { tiers: [1] },
      })
      .expect(201);
    rootId = created.body.id as string;
    await oemClient.post(`/api/orgs/${oem.id}/campaigns/${rootId}/launch`).expect(200);
    const t1Assessment = await assessmentOf(t.db, rootId, tier1.id);
    const t1User = await makeUser(t.db, tier1, 'admin');
    await t.db.transaction(async (m) => {
      const access = await loadAccess(m, t1Assessment, t1User.id, { lock: true });
      await t.app.get(AnswersService).apply(
        m,
        access,
        STAR3.map((criterionId) => ({ criterionId, value: 'met' as const, note: '', naReason: '' })),
        { provenance: 'form', source: null, userId: t1User.id },
      );
    });
    await t.app.get(ReviewService).submit(t1User.id, t1Assessment, DECLARATION);

    // The Tier 1's own suppliers. It tags one of them privately ("secret") and rates it critical.
    const specs = [
      ...['愛知県', '愛知県', '愛知県', '愛知県', '北海道'].map((region, i) => ({
        name: `S${i + 1} 概要`,
        region,
        tags: i === 4 ? ['secret'] : [],
        criticality: i === 4 ? ('critical' as const) : ('medium' as const),
      })),
      ...['沖縄県', '愛知県', '愛知県', '静岡県', '静岡県'].map((region, i) => ({
        name: `N${i + 1} 非開示`,
        region,
        tags: [],
        criticality: 'medium' as const,
      })),
      { name: 'F1 全開示', region: '岐阜県', tags: [], criticality: 'medium' as const },
    ];
    const orgs = await linkSuppliers(t.db, tier1, specs);
    const { client: t1Client } = await signedIn(t, tier1, 'procurement');
    const fwd = await t1Client
      .post(`/api/assessments/${t1Assessment}/forward`, { dueDate: DUE, selection: { all: true } })
      .expect(201);
    for (const [i, org] of orgs.entries()) {
      t2[specs[i]!.name.split(' ')[0]!] = {
        org,
        assessmentId: await assessmentOf(t.db, fwd.body.campaignId as string, org.id),
        userId: (await makeUser(t.db, org, 'respondent')).id,
      };
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  const FILTERED = [
    `campaignId=ROOT`,
    'tag=press',
    'criticality=high',
    `region=${encodeURIComponent('沖縄県')}`,
    `region=${encodeURIComponent('愛知県')}`,
    `campaignId=ROOT&region=${encodeURIComponent('沖縄県')}`,
    `tag=press&criticality=high&region=${encodeURIComponent('沖縄県')}`,
  ];
  const q = (s: string) => s.replace('ROOT', rootId);

  it('a Tier 2 with consent none counts nowhere until five of them are counted together, and never in a filter', async () => {
    const before = new Map<string, string[]>();
    for (const f of FILTERED) before.set(f, await everything(q(f)));
    expect(await tier2('')).toEqual({ tier: 2, hidden: false, suppliers: 0, cells: expect.any(Array) });

    await submit('N1', 'none', 1);
    const n1 = t2['N1']!.org;
    for (const unfiltered of ['', 'catalogueId=meti-scs']) {
      expect(await tier2(unfiltered)).toMatchObject({ hidden: true, suppliers: null });
      const h = await heat(unfiltered);
      expect((h.tiers[1] as unknown as { cells: { hidden: boolean }[] }).cells.every((c) => c.hidden)).toBe(
        true,
      );
      const dist = await oemClient.get(`${base()}/distribution?${unfiltered}`).expect(200);
      expect(dist.body.tiers[1]).toMatchObject({ hidden: true, suppliers: null, levels: [] });
      const list = await oemClient.get(`${base()}/suppliers?tier=2&${unfiltered}`).expect(200);
      expect(list.body).toMatchObject({ total: 0, hiddenByConsent: null, items: [] });
    }
    // Narrowed down to its region (the only supplier there), by campaign, or by the OEM's own tag on the
    // Tier 1: every answer is exactly what it was before it submitted.
    for (const f of FILTERED) expect(await everything(q(f))).toEqual(before.get(f));
    for (const text of await everything('')) {
      expect(text).not.toContain(n1.id);
      expect(text).not.toContain(n1.name);
      expect(text).not.toContain('T2-SECRET-NOTE');
    }

    for (const [i, name] of ['N2', 'N3', 'N4'].entries()) {
      await submit(name, 'none', i + 2);
      expect(await tier2('')).toMatchObject({ hidden: true, suppliers: null });
    }
    await submit('N5', 'none', 5);
    expect(await tier2('')).toMatchObject({ hidden: false, suppliers: 5 });
    const list = await oemClient.get(`${base()}/suppliers?tier=2`).expect(200);
    expect(list.body).toMatchObject({ total: 0, hiddenByConsent: 5, items: [] });
    for (const f of FILTERED) expect(await everything(q(f))).toEqual(before.get(f));
  });

  it('no filter combination isolates a supplier, and no two shown answers differ by fewer than five', async () => {
    for (const [i, name] of ['S1', 'S2', 'S3', 'S4', 'S5'].entries()) await submit(name, 'summary', 10 + i);
    expect(await tier2('')).toMatchObject({ hidden: false, suppliers: 10 });
    expect(await tier2(q('campaignId=ROOT'))).toMatchObject({ hidden: false, suppliers: 5 });
    // S5 alone in its region, or with the campaign: hidden. Four summary suppliers in 愛知県 (the none ones
    // there do not count with a filter): hidden.
    for (const f of [
      `region=${encodeURIComponent('北海道')}`,
      `campaignId=ROOT&region=${encodeURIComponent('北海道')}`,
      `region=${encodeURIComponent('愛知県')}`,
    ]) {
      expect(await tier2(q(f))).toMatchObject({ hidden: true, suppliers: null });
      const dist = await oemClient.get(`${base()}/distribution?${q(f)}`).expect(200);
      expect(dist.body.tiers[1]).toMatchObject({ hidden: true, suppliers: null, openRemediation: null });
    }
    // The Tier 1's private tag and criticality on its link to S5 select nothing upstream.
    for (const f of ['tag=secret', 'criticality=critical']) {
      const list = await oemClient.get(`${base()}/suppliers?tier=2&${f}`).expect(200);
      expect(list.body.items).toEqual([]);
      expect(await tier2(f)).toMatchObject({ hidden: false, suppliers: 0 });
    }
    // Overdue counts are not part of summary: withheld for a filtered group of summary suppliers.
    const dist = await oemClient.get(`${base()}/distribution?${q('campaignId=ROOT')}`).expect(200);
    expect(dist.body.tiers[1]).toMatchObject({ hidden: false, suppliers: 5, overdueRemediation: null });
    expect(dist.body.tiers[1].openRemediation).toBeGreaterThan(0);

    // Every combination of the filters: a Tier 2 answer is hidden, or counts 0, 5 or 10 suppliers, so no
    // difference of two shown answers is one supplier.
    const shown = new Set<number>();
    let hidden = 0;
    for (const campaign of ['', 'campaignId=ROOT'])
      for (const tag of ['', 'tag=press', 'tag=secret'])
        for (const crit of ['', 'criticality=high', 'criticality=critical'])
          for (const region of ['', '愛知県', '北海道', '沖縄県', '静岡県']) {
            const f = [campaign, tag, crit, region && `region=${encodeURIComponent(region)}`]
              .filter(Boolean)
              .join('&');
            const [h, d] = await Promise.all([
              tier2(q(f)),
              oemClient.get(`${base()}/distribution?${q(f)}`).expect(200),
            ]);
            expect(d.body.tiers[1].hidden).toBe(h.hidden);
            if (h.hidden) hidden++;
            else shown.add(h.suppliers!);
          }
    expect([...shown].sort((a, b) => a - b)).toEqual([0, 5, 10]);
    expect(hidden).toBeGreaterThan(0);
  });

  it('summary answers carry no criterion ids and no remediation items anywhere the OEM can ask', async () => {
    await submit('F1', 'full', 20);
    const s1 = t2['S1']!;
    await t.db.query(`UPDATE remediation_items SET plan = 'PLAN-SECRET' WHERE assessment_id = $1`, [
      s1.assessmentId,
    ]);
    const items = await t.db.query<{ id: string }[]>(
      'SELECT id FROM remediation_items WHERE assessment_id = $1',
      [s1.assessmentId],
    );
    expect(items.length).toBeGreaterThan(5);

    const detail = await oemClient.get(`${base()}/suppliers/${s1.org.id}`).expect(200);
    expect(detail.body).toMatchObject({
      consent: 'summary',
      gaps: null,
      remediation: null,
      categories: null,
      achievement: null,
      overdueRemediation: null,
      assessmentId: null,
      openRemediation: items.length,
    });
    expect(Object.keys(detail.body.categoryRates).sort()).toEqual(meti.groups.map((g) => g.id).sort());
    const texts = [detail.text, ...(await everything('')), ...(await everything(q('campaignId=ROOT')))];
    for (const text of texts) {
      for (const id of CRITERION_STRINGS) expect(text).not.toContain(id);
      for (const it of items) expect(text).not.toContain(it.id);
      expect(text).not.toContain('PLAN-SECRET');
      expect(text).not.toContain(s1.assessmentId);
    }
    // The assessment, its workbook, reminders, evidence and remediation items do not exist for the OEM.
    for (const path of [
      `/api/assessments/${s1.assessmentId}`,
      `/api/assessments/${s1.assessmentId}/export.xlsx`,
      `/api/assessments/${s1.assessmentId}/reminders`,
      `/api/assessments/${s1.assessmentId}/forwards`,
      `/api/assessments/${s1.assessmentId}/benchmark`,
      `/api/remediation/${items[0]!.id}`,
    ]) {
      await oemClient.get(path).expect(404);
    }
    // Next to it, a Tier 2 with full consent: its gaps and items are there.
    const full = await oemClient.get(`${base()}/suppliers/${t2['F1']!.org.id}`).expect(200);
    expect(full.body.gaps.length).toBeGreaterThan(0);
    expect(full.body.remediation).toHaveLength(full.body.gaps.length);
    expect(full.body.gaps[0].criterionId).toMatch(/^\d+-\d+-\d+-\d+$/);
  });
});
