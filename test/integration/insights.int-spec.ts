import { getCatalogue } from '@tierstar/guidelines';
import { scoreLevels, type AnswerValue } from '@tierstar/scoring';
import ExcelJS from 'exceljs';
import { AnswersService } from '../../apps/api/src/assessments/answers.service';
import { loadAccess } from '../../apps/api/src/assessments/assessment-access';
import { ReviewService } from '../../apps/api/src/assessments/review.service';
import { Clock } from '../../apps/api/src/common/clock';
import type { Organization } from '../../apps/api/src/organizations/organization.entity';
import { assessmentOf, DECLARATION, linkSuppliers, signedIn } from '../support/cascade-fixtures';
import { makeOrg, makeUser, PASSWORD } from '../support/factories';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';

jest.setTimeout(180_000);

const meti = getCatalogue('meti-scs')!;
const GROUPS = meti.groups.map((g) => g.id);
const CLOSED = ['done', 'verified', 'risk_accepted'];
// Tokyo is already on 2030-06-15 while UTC is still on the 14th: an item due on the 14th is overdue.
const NOW = new Date('2030-06-14T16:00:00Z');

type Consent = 'direct' | 'full' | 'summary' | 'none';
interface Entry {
  org: Organization;
  tier: 1 | 2;
  consent: Consent;
  answers: Record<string, AnswerValue>;
  target: number;
  tags: string[];
  criticality: string;
  region: string;
  assessmentId: string;
  root: 'r1' | 'r2';
  /** Status and due date set per gap criterion (others stay open without a due date). */
  items: Map<string, { status: string; due: string | null }>;
  viaName: string | null;
}

/** Deterministic, varied answers for the criteria up to `target`. */
function answersFor(seed: number, target: number): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  const cycle: AnswerValue[] = [
    'met',
    'met',
    'met',
    'not_met',
    'met',
    'partial',
    'not_applicable',
    'met',
    'unknown',
  ];
  meti.criteria
    .filter((c) => c.level <= target)
    .forEach((c, i) => {
      const k = (i * 7 + seed * 13) % 23;
      out[c.id] = seed === 0 ? 'met' : k < 14 ? 'met' : cycle[k % cycle.length]!;
    });
  return out;
}

interface Score {
  level: number | null;
  categories: Record<string, { met: number; applicable: number }>;
  gaps: string[];
  met: number;
  applicable: number;
}

/** The same N/A reason answerAndSubmit saves with every "not applicable" answer. */
const NA_REASON = '該当しない';

/** N/A answers carry a reason; they count only where the criterion allows N/A (the API applies the same rule). */
const naReasonsOf = (answers: Record<string, AnswerValue>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(answers)
      .filter(([, v]) => v === 'not_applicable')
      .map(([id]) => [id, NA_REASON]),
  );

function score(e: Entry): Score {
  const r = scoreLevels(meti, e.answers, { target: e.target, naReasons: naReasonsOf(e.answers) });
  const categories = Object.fromEntries(
    r.categories.map((c) => [c.id, { met: c.met, applicable: c.applicable }]),
  );
  const met = r.categories.reduce((s, c) => s + c.met, 0);
  const applicable = r.categories.reduce((s, c) => s + c.applicable, 0);
  return { level: r.level, categories, gaps: r.gaps, met, applicable };
}

function remediation(e: Entry): { open: number; overdue: number } {
  let open = 0;
  let overdue = 0;
  for (const gap of score(e).gaps) {
    const it = e.items.get(gap) ?? { status: 'open', due: null };
    if (CLOSED.includes(it.status)) continue;
    open++;
    if (it.due !== null && it.due < '2030-06-15') overdue++;
  }
  return { open, overdue };
}

function expectedHeatmap(entries: Entry[]) {
  return [1, 2].map((tier) => {
    const of = entries.filter((e) => e.tier === tier).map(score);
    return {
      tier,
      suppliers: of.length,
      cells: GROUPS.map((g) => {
        const meeting = of.filter((s) => s.categories[g]!.met === s.categories[g]!.applicable).length;
        const rated = of.filter((s) => s.categories[g]!.applicable > 0);
        return {
          groupId: g,
          suppliers: of.length,
          meetingTarget: meeting,
          shareMeetingTarget: of.length ? meeting / of.length : 0,
          averageAchievement: rated.length
            ? rated.reduce((sum, s) => sum + s.categories[g]!.met / s.categories[g]!.applicable, 0) /
              rated.length
            : null,
        };
      }),
    };
  });
}

function expectedRow(e: Entry) {
  const s = score(e);
  const r = remediation(e);
  return {
    supplierId: e.org.id,
    supplierName: e.org.name,
    tier: e.tier,
    consent: e.consent,
    viaSupplierName: e.viaName,
    level: s.level,
    confirmedLevel: null,
    targetLevel: e.target,
    achievement: s.applicable ? s.met / s.applicable : null,
    categories: s.categories,
    openRemediation: r.open,
    overdueRemediation: r.overdue,
    assessmentId: e.consent === 'direct' || e.consent === 'full' ? e.assessmentId : null,
  };
}

function expectedDistribution(entries: Entry[]) {
  return [1, 2].map((tier) => {
    const of = entries.filter((e) => e.tier === tier);
    const levels = of.map((e) => score(e).level);
    const rem = of.map(remediation);
    return {
      tier,
      suppliers: of.length,
      levels: [null, 3, 4].map((level) => ({
        level,
        claimed: levels.filter((l) => l === level).length,
        confirmed: level === null ? of.length : 0,
      })),
      openRemediation: rem.reduce((s, r) => s + r.open, 0),
      overdueRemediation: rem.reduce((s, r) => s + r.overdue, 0),
    };
  });
}

/** Rounds floats so JSON numbers and independent sums compare exactly. */
function rounded<T>(v: T): T {
  return JSON.parse(
    JSON.stringify(v, (_, x: unknown) => (typeof x === 'number' ? Math.round(x * 1e9) / 1e9 : x)),
  ) as T;
}

function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  for (const line of text.slice(1).split('\r\n').filter(Boolean)) {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    rows.push(out);
  }
  return rows;
}

const binary = (
  res: { on: (e: string, cb: (c?: Buffer) => void) => void },
  cb: (e: null, b: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('insights: heat map, distribution, suppliers, exports and benchmarks', () => {
  let t: TestApp;
  let oem: Organization;
  let oemClient: TestBrowser;
  let entries: Entry[];
  let all: Entry[];
  let root1: string;
  let root2: string;

  async function answerAndSubmit(assessmentId: string, userId: string, answers: Record<string, AnswerValue>) {
    const svc = t.app.get(AnswersService);
    await t.db.transaction(async (m) => {
      const access = await loadAccess(m, assessmentId, userId, { lock: true });
      await svc.apply(
        m,
        access,
        Object.entries(answers).map(([criterionId, value]) => ({
          criterionId,
          value,
          note: 'ANSWER-NOTE',
          naReason: value === 'not_applicable' ? NA_REASON : '',
        })),
        { provenance: 'form', source: null, userId },
      );
    });
    await t.app.get(ReviewService).submit(userId, assessmentId, DECLARATION);
  }

  beforeAll(async () => {
    t = await createTestApp({ ROLE: 'api' });
    t.app.get(Clock).set(NOW);
    oem = await makeOrg(t.db, { name: 'OEM 自動車' });
    const procurement = await makeUser(t.db, oem, 'procurement');
    oemClient = await (await browser(t)).login(procurement.email, PASSWORD);
    const t1Spec = [
      { name: 'T1-A 精密', tags: ['press'], criticality: 'high' as const, region: '愛知県' },
      { name: 'T1-B 樹脂', tags: ['mold'], criticality: 'critical' as const, region: '静岡県' },
      { name: 'T1-C 未提出', tags: ['press'], criticality: 'low' as const, region: '愛知県' },
      { name: 'T1-D 電装', tags: ['press', 'electronics'], criticality: 'medium' as const, region: '東京都' },
    ];
    const t1 = await linkSuppliers(t.db, oem, t1Spec);
    const [a, b, cOrg, d] = t1 as [Organization, Organization, Organization, Organization];
    const created = await oemClient
      .post(`/api/orgs/${oem.id}/campaigns`, {
        title: '2030年度 自己評価',
        catalogueId: 'meti-scs',
        dueDate: '2099-12-31',
        selection: { tiers: [1] },
      })
      .expect(201);
    root1 = created.body.id as string;
    await oemClient
      .patch(`/api/orgs/${oem.id}/campaigns/${root1}/suppliers/${d.id}`, { targetLevel: 4 })
      .expect(200);
    await oemClient.post(`/api/orgs/${oem.id}/campaigns/${root1}/launch`).expect(200);

    const users = new Map<string, string>();
    const userOf = async (org: Organization) => {
      if (!users.has(org.id)) users.set(org.id, (await makeUser(t.db, org, 'admin')).id);
      return users.get(org.id)!;
    };
    entries = [];
    all = [];
    const add = async (
      org: Organization,
      spec: { tags: string[]; criticality: string; region: string },
      tier: 1 | 2,
      consent: Consent,
      campaignId: string,
      root: 'r1' | 'r2',
      target: number,
      seed: number,
      viaName: string | null,
    ) => {
      const assessmentId = await assessmentOf(t.db, campaignId, org.id);
      const answers = answersFor(seed, target);
      await answerAndSubmit(assessmentId, await userOf(org), answers);
      const e: Entry = {
        org,
        tier,
        consent,
        answers,
        target,
        ...spec,
        assessmentId,
        root,
        items: new Map(),
        viaName,
      };
      all.push(e);
      return e;
    };
    const eA1 = await add(a, t1Spec[0]!, 1, 'direct', root1, 'r1', 3, 1, null);
    const eB = await add(b, t1Spec[1]!, 1, 'direct', root1, 'r1', 3, 2, null);
    const eD = await add(d, t1Spec[3]!, 1, 'direct', root1, 'r1', 4, 0, null);
    // C answers a little but never submits: it never counts.
    const cAssessment = await assessmentOf(t.db, root1, cOrg.id);
    await t.db.transaction(async (m) => {
      const uid = await userOf(cOrg);
      const access = await loadAccess(m, cAssessment, uid, { lock: true });
      await t.app.get(AnswersService).apply(
        m,
        access,
        [
          {
            criterionId: meti.criteria.find((c) => c.level === 3)!.id,
            value: 'met',
            note: '',
            naReason: '',
          },
        ],
        {
          provenance: 'form',
          source: null,
          userId: uid,
        },
      );
    });

    // Tier 2 through A and B, consents mixed; one Tier 2 never submits.
    const t2aSpec = [
      { name: 'T2-a 全開示', tags: ['press'], criticality: 'high' as const, region: '群馬県' },
      { name: 'T2-b 概要', tags: ['mold'], criticality: 'low' as const, region: '愛知県' },
    ];
    const t2bSpec = [
      { name: 'T2-c 非開示', tags: ['press'], criticality: 'critical' as const, region: '愛知県' },
      { name: 'T2-d 概要', tags: ['press'], criticality: 'high' as const, region: '大阪府' },
      { name: 'T2-e 未提出', tags: ['press'], criticality: 'high' as const, region: '大阪府' },
    ];
    const viaA = await linkSuppliers(t.db, a, t2aSpec);
    const viaB = await linkSuppliers(t.db, b, t2bSpec);
    const fwd = async (e: Entry, orgAdmin: Organization) => {
      const { client } = await signedIn(t, orgAdmin, 'procurement');
      const res = await client
        .post(`/api/assessments/${e.assessmentId}/forward`, {
          dueDate: '2099-12-31',
          selection: { all: true },
        })
        .expect(201);
      return res.body.campaignId as string;
    };
    const childA = await fwd(eA1, a);
    const childB = await fwd(eB, b);
    const t2 = [
      await add(viaA[0]!, t2aSpec[0]!, 2, 'full', childA, 'r1', 3, 3, a.name),
      await add(viaA[1]!, t2aSpec[1]!, 2, 'summary', childA, 'r1', 3, 4, a.name),
      await add(viaB[0]!, t2bSpec[0]!, 2, 'none', childB, 'r1', 3, 5, b.name),
      await add(viaB[1]!, t2bSpec[1]!, 2, 'summary', childB, 'r1', 3, 6, b.name),
    ];
    for (const e of t2) {
      if (e.consent === 'none') continue;
      const { client } = await signedIn(t, e.org, 'respondent');
      await client.put(`/api/assessments/${e.assessmentId}/consent`, { level: e.consent }).expect(200);
    }

    // A second, later campaign to A only: A's latest assessment is this one unless root1 is asked for.
    const second = await oemClient
      .post(`/api/orgs/${oem.id}/campaigns`, {
        title: '2031年度 自己評価',
        catalogueId: 'meti-scs',
        dueDate: '2099-12-31',
        selection: { supplierIds: [a.id] },
      })
      .expect(201);
    root2 = second.body.id as string;
    await oemClient.post(`/api/orgs/${oem.id}/campaigns/${root2}/launch`).expect(200);
    await t.db.query(`UPDATE assessments SET submitted_at = now() - interval '1 day' WHERE id = $1`, [
      eA1.assessmentId,
    ]);
    const eA2 = await add(a, t1Spec[0]!, 1, 'direct', root2, 'r2', 3, 7, null);

    // Remediation: per supplier, its first gaps get a past due date, a done status, today's date, a risk acceptance.
    for (const e of all) {
      const gaps = score(e).gaps;
      const plan: [string, string | null][] = [
        ['open', '2030-06-14'],
        ['done', '2030-06-01'],
        ['planned', '2030-06-15'],
        ['risk_accepted', '2030-01-01'],
        ['in_progress', '2030-05-31'],
      ];
      for (const [i, [status, due]] of plan.entries()) {
        const gap = gaps[i];
        if (!gap) break;
        e.items.set(gap, { status, due });
        await t.db.query(
          `UPDATE remediation_items SET status = $3, due_date = $4 WHERE assessment_id = $1 AND criterion_id = $2`,
          [e.assessmentId, gap, status, due],
        );
      }
    }
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM remediation_items`);
    expect(n).toBeGreaterThan(10);
    entries = [eA2, eB, eD, ...t2];
  });

  afterAll(async () => {
    await t?.close();
  });

  const base = () => `/api/orgs/${oem.id}/insights`;

  /** The entries the API should use for a filter: latest per supplier unless a root campaign is given. */
  function select(opts: { root?: 'r1' | 'r2'; tag?: string; criticality?: string; region?: string } = {}) {
    const pool = all.filter(
      (e) =>
        (!opts.root || e.root === opts.root) &&
        (!opts.tag || e.tags.includes(opts.tag)) &&
        (!opts.criticality || e.criticality === opts.criticality) &&
        (!opts.region || e.region === opts.region),
    );
    // Tier 2 entries belong to root1 only (they came through root1's assessments).
    const latest = new Map<string, Entry>();
    for (const e of pool) {
      const cur = latest.get(e.org.id);
      if (!cur || e.tier < cur.tier || (e.tier === cur.tier && e.root === 'r2')) latest.set(e.org.id, e);
    }
    return [...latest.values()];
  }

  const filters: [string, Parameters<typeof select>[0]][] = [
    ['', {}],
    ['campaignId=ROOT1', { root: 'r1' }],
    ['campaignId=ROOT2', { root: 'r2' }],
    ['tag=press', { tag: 'press' }],
    ['tag=mold', { tag: 'mold' }],
    ['criticality=high', { criticality: 'high' }],
    ['region=' + encodeURIComponent('愛知県'), { region: '愛知県' }],
    ['tag=press&region=' + encodeURIComponent('大阪府'), { tag: 'press', region: '大阪府' }],
  ];
  const qs = (q: string) => q.replace('ROOT1', root1).replace('ROOT2', root2);

  it('the heat map matches an independent score of every supplier, for every filter', async () => {
    expect(select()).toHaveLength(entries.length);
    for (const [q, f] of filters) {
      const res = await oemClient.get(`${base()}/heatmap?${qs(q)}`).expect(200);
      expect(res.body.catalogue).toMatchObject({ id: 'meti-scs', version: meti.version });
      expect(res.body.catalogue.groups.map((g: { id: string }) => g.id)).toEqual(GROUPS);
      expect(rounded(res.body.tiers)).toEqual(rounded(expectedHeatmap(select(f))));
    }
    // A catalogue without campaigns: empty tiers.
    const other = await oemClient.get(`${base()}/heatmap?catalogueId=jama-cyber`).expect(200);
    expect(other.body.tiers.every((x: { suppliers: number }) => x.suppliers === 0)).toBe(true);
  });

  it('the distribution matches (claimed vs confirmed ★ per tier, open and overdue remediation in Tokyo time)', async () => {
    for (const [q, f] of filters) {
      const res = await oemClient.get(`${base()}/distribution?${qs(q)}`).expect(200);
      expect(res.body.tiers).toEqual(expectedDistribution(select(f)));
    }
  });

  it('the supplier list matches row by row, hides consent none, sorts and pages', async () => {
    for (const [q, f] of filters) {
      const res = await oemClient.get(`${base()}/suppliers?limit=500&${qs(q)}`).expect(200);
      const visible = select(f).filter((e) => e.consent !== 'none');
      const expected = visible
        .map(expectedRow)
        .sort((x, y) => x.supplierName.toLowerCase().localeCompare(y.supplierName.toLowerCase()) || 0);
      const got = res.body.items.map((r: Record<string, unknown>) => {
        const { viaSupplierId: _v, ...rest } = r;
        return rest;
      });
      expect(
        rounded(got)
          .map((r: { supplierId: string }) => r.supplierId)
          .sort(),
      ).toEqual(expected.map((r) => r.supplierId).sort());
      const byId = new Map(expected.map((r) => [r.supplierId, r]));
      for (const r of rounded(got) as { supplierId: string }[])
        expect(r).toEqual(rounded(byId.get(r.supplierId)));
      expect(res.body.total).toBe(visible.length);
      expect(res.body.hiddenByConsent).toBe(select(f).length - visible.length);
      expect(JSON.stringify(res.body)).not.toContain('ANSWER-NOTE');
    }
    // Sorting by achievement (desc) and by a category, and keyset-free paging with a cursor.
    const byAch = await oemClient
      .get(`${base()}/suppliers?sort=achievement&order=desc&limit=500`)
      .expect(200);
    const ach = byAch.body.items.map((r: { achievement: number }) => r.achievement);
    expect(ach).toEqual([...ach].sort((x, y) => y - x));
    const g = GROUPS[1]!;
    const byCat = await oemClient.get(`${base()}/suppliers?sort=${g}&tier=1`).expect(200);
    const rates = byCat.body.items.map(
      (r: { categories: Record<string, { met: number; applicable: number }> }) =>
        r.categories[g]!.met / r.categories[g]!.applicable,
    );
    expect(rates).toEqual([...rates].sort((x, y) => x - y));
    expect(byCat.body.items.every((r: { tier: number }) => r.tier === 1)).toBe(true);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { supplierId: string }[]; nextCursor: string | null } } = await oemClient
        .get(`${base()}/suppliers?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      pages.push(...res.body.items.map((r: { supplierId: string }) => r.supplierId));
      cursor = res.body.nextCursor;
    } while (cursor);
    const full = await oemClient.get(`${base()}/suppliers?limit=500`).expect(200);
    expect(pages).toEqual(full.body.items.map((r: { supplierId: string }) => r.supplierId));
    await oemClient.get(`${base()}/suppliers?sort=nope`).expect(400);
    await oemClient.get(`${base()}/suppliers?cursor=bad`).expect(400);
  });

  it('cells drill down into the suppliers of one tier × category, consent-respecting', async () => {
    const g = GROUPS[2]!;
    for (const tier of [1, 2]) {
      const res = await oemClient.get(`${base()}/cells?tier=${tier}&groupId=${g}&limit=500`).expect(200);
      const expected = select().filter((e) => e.tier === tier && e.consent !== 'none');
      expect(res.body.items.map((r: { supplierId: string }) => r.supplierId).sort()).toEqual(
        expected.map((e) => e.org.id).sort(),
      );
      const meeting = await oemClient
        .get(`${base()}/cells?tier=${tier}&groupId=${g}&meeting=true`)
        .expect(200);
      expect(meeting.body.total).toBe(
        expected.filter((e) => {
          const c = score(e).categories[g]!;
          return c.met === c.applicable;
        }).length,
      );
    }
    await oemClient.get(`${base()}/cells?tier=2&groupId=zzz`).expect(400);
  });

  it('one supplier: gaps with titles and remediation items; 404 for consent none or outside the network', async () => {
    for (const e of entries) {
      const res = await oemClient.get(`${base()}/suppliers/${e.org.id}`);
      if (e.consent === 'none') {
        expect(res.status).toBe(404);
        continue;
      }
      expect(res.status).toBe(200);
      const { viaSupplierId: _v, gaps, remediation: items, ...row } = res.body;
      expect(rounded(row)).toEqual(rounded(expectedRow(e)));
      expect(gaps.map((x: { criterionId: string }) => x.criterionId)).toEqual(score(e).gaps);
      const title = meti.criteria.find((c) => c.id === score(e).gaps[0])?.title;
      if (title) expect(gaps[0].title).toEqual(title);
      expect(items).toHaveLength(score(e).gaps.length);
      for (const it of items as { criterionId: string; status: string; dueDate: string | null }[]) {
        const set = e.items.get(it.criterionId) ?? { status: 'open', due: null };
        expect([it.status, it.dueDate]).toEqual([set.status, set.due]);
      }
    }
    const stranger = await makeOrg(t.db);
    await oemClient.get(`${base()}/suppliers/${stranger.id}`).expect(404);
    // Other tenants and roles.
    const respondent = await makeUser(t.db, oem, 'respondent');
    const r = await (await browser(t)).login(respondent.email, PASSWORD);
    await r.get(`${base()}/heatmap`).expect(403);
    const evaluator = await makeUser(t.db, oem, 'evaluator');
    await (await (await browser(t)).login(evaluator.email, PASSWORD)).get(`${base()}/heatmap`).expect(200);
    const outsider = await makeUser(t.db, stranger, 'admin');
    await (await (await browser(t)).login(outsider.email, PASSWORD)).get(`${base()}/heatmap`).expect(404);
  });

  it('exports: CSV (BOM, ja/en headers) and xlsx carry the same numbers', async () => {
    const heat = await oemClient.get(`${base()}/heatmap`).expect(200);
    const csvJa = await oemClient.get(`${base()}/heatmap.csv`).set('Accept-Language', 'ja').expect(200);
    expect(csvJa.headers['content-type']).toContain('text/csv');
    expect(csvJa.headers['content-disposition']).toMatch(/^attachment; filename="heatmap-2030-06-15\.csv"$/);
    const rowsJa = parseCsv(csvJa.text);
    expect(rowsJa[0]).toEqual([
      '階層',
      '分類ID',
      '分類',
      '取引先数',
      '目標達成数',
      '目標達成率',
      '平均達成度',
    ]);
    const csvEn = await oemClient.get(`${base()}/heatmap.csv`).set('Accept-Language', 'en-US,en').expect(200);
    const rowsEn = parseCsv(csvEn.text);
    expect(rowsEn[0]![0]).toBe('Tier');
    const cells = heat.body.tiers.flatMap((x: { tier: number; cells: object[] }) =>
      x.cells.map((c) => ({ tier: x.tier, ...c })),
    ) as {
      tier: number;
      groupId: string;
      suppliers: number;
      meetingTarget: number;
      shareMeetingTarget: number;
      averageAchievement: number | null;
    }[];
    const num = (s: string | number | null | undefined) =>
      s === '' || s === null || s === undefined ? null : Number(s);
    const fromRow = (r: (string | number | null)[]) => ({
      tier: Number(r[0]),
      groupId: String(r[1]),
      suppliers: Number(r[3]),
      meetingTarget: Number(r[4]),
      shareMeetingTarget: num(r[5]),
      averageAchievement: num(r[6]),
    });
    const round = (x: object[]) =>
      rounded(
        x.map(
          (o) =>
            JSON.parse(
              JSON.stringify(o, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e5) / 1e5 : v)),
            ) as object,
        ),
      );
    const expected = round(
      cells.map(({ tier, groupId, suppliers, meetingTarget, shareMeetingTarget, averageAchievement }) => ({
        tier,
        groupId,
        suppliers,
        meetingTarget,
        shareMeetingTarget,
        averageAchievement,
      })),
    );
    expect(round(rowsEn.slice(1).map(fromRow))).toEqual(expected);

    const xlsx = await oemClient.get(`${base()}/heatmap.xlsx?lang=en`).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const ws = wb.worksheets[0]!;
    const xrows: (string | number | null)[][] = [];
    ws.eachRow((row) => xrows.push((row.values as (string | number | null)[]).slice(1)));
    expect(xrows[0]![0]).toBe('Tier');
    expect(round(xrows.slice(1).map(fromRow))).toEqual(expected);

    // Suppliers: same rows as the list (filters apply), consent none never exported.
    const list = await oemClient.get(`${base()}/suppliers?limit=500&tag=press`).expect(200);
    const sCsv = parseCsv(
      (await oemClient.get(`${base()}/suppliers.csv?tag=press&lang=en`).expect(200)).text,
    );
    expect(sCsv[0]!.slice(0, 8)).toEqual([
      'Supplier',
      'Tier',
      'Consent',
      'Via',
      'Level',
      'Confirmed level',
      'Target level',
      'Achievement',
    ]);
    const sx = await oemClient
      .get(`${base()}/suppliers.xlsx?tag=press`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const swb = new ExcelJS.Workbook();
    await swb.xlsx.load(sx.body as never);
    const srows: (string | number | null)[][] = [];
    swb.worksheets[0]!.eachRow((row) => srows.push((row.values as (string | number | null)[]).slice(1)));
    expect(srows[0]![0]).toBe('取引先');
    const items = list.body.items as {
      supplierName: string;
      tier: number;
      consent: string;
      level: number | null;
      achievement: number | null;
      categories: Record<string, { met: number; applicable: number }>;
      openRemediation: number;
      overdueRemediation: number;
    }[];
    for (const rows of [sCsv.slice(1), srows.slice(1)]) {
      expect(rows).toHaveLength(items.length);
      rows.forEach((r, i) => {
        const it = items[i]!;
        expect(String(r[0])).toBe(it.supplierName);
        expect([Number(r[1]), String(r[2]), num(r[4])]).toEqual([it.tier, it.consent, it.level]);
        expect(num(r[7])).toBeCloseTo(it.achievement ?? NaN, 5);
        GROUPS.forEach((g, k) => {
          const c = it.categories[g]!;
          expect(num(r[8 + k])).toBeCloseTo(c.applicable ? c.met / c.applicable : NaN, 5);
        });
        expect([Number(r[8 + GROUPS.length]), Number(r[9 + GROUPS.length])]).toEqual([
          it.openRemediation,
          it.overdueRemediation,
        ]);
      });
    }
    const allCsv = (await oemClient.get(`${base()}/suppliers.csv`).expect(200)).text;
    const none = entries.find((e) => e.consent === 'none')!;
    expect(allCsv).not.toContain(none.org.name);
  });

  it('benchmarks: k-anonymity below 5 peers; averages of same-catalogue, same-size peers from 5', async () => {
    const buyer = await makeOrg(t.db, { name: 'Bench buyer' });
    const proc = await makeUser(t.db, buyer, 'procurement');
    const client = await (await browser(t)).login(proc.email, PASSWORD);
    const specs = Array.from({ length: 6 }, (_, i) => ({ name: `Peer ${i}`, sizeBand: 'small' as const }));
    const orgs = await linkSuppliers(t.db, buyer, [
      ...specs,
      { name: 'Large one', sizeBand: 'large' as const },
    ]);
    const created = await client
      .post(`/api/orgs/${buyer.id}/campaigns`, {
        title: 'peers',
        catalogueId: 'meti-scs',
        dueDate: '2099-12-31',
        selection: { tiers: [1] },
      })
      .expect(201);
    await client.post(`/api/orgs/${buyer.id}/campaigns/${created.body.id}/launch`).expect(200);
    const ids: string[] = [];
    const answers: Record<string, AnswerValue>[] = [];
    const users: string[] = [];
    for (const [i, org] of orgs.entries()) {
      ids.push(await assessmentOf(t.db, created.body.id, org.id));
      answers.push(answersFor(10 + i, 3));
      users.push((await makeUser(t.db, org, 'respondent')).id);
    }
    // The asker (0), four small peers (1–4) and the large one submit.
    for (const i of [0, 1, 2, 3, 4, 6]) await answerAndSubmit(ids[i]!, users[i]!, answers[i]!);
    const asker = await (
      await browser(t)
    ).login((await t.db.query('SELECT email FROM users WHERE id = $1', [users[0]]))[0].email, PASSWORD);
    const few = await asker.get(`/api/assessments/${ids[0]}/benchmark`).expect(200);
    expect(few.body.enoughData).toBe(false);
    expect(few.body.peers).toBe(0);
    expect(few.body.minimumPeers).toBe(5);
    expect(few.body.categories.every((c: { peerAverage: number | null }) => c.peerAverage === null)).toBe(
      true,
    );

    await answerAndSubmit(ids[5]!, users[5]!, answers[5]!);
    const enough = await asker.get(`/api/assessments/${ids[0]}/benchmark`).expect(200);
    expect(enough.body.enoughData).toBe(true);
    expect(enough.body.peers).toBe(5);
    const own = scoreLevels(meti, answers[0]!, { target: 3, naReasons: naReasonsOf(answers[0]!) });
    const peers = [1, 2, 3, 4, 5].map((i) =>
      scoreLevels(meti, answers[i]!, { target: 3, naReasons: naReasonsOf(answers[i]!) }),
    );
    expect(rounded(enough.body.categories)).toEqual(
      rounded(
        GROUPS.map((g) => {
          const mine = own.categories.find((c) => c.id === g)!;
          const rated = peers
            .map((p) => p.categories.find((c) => c.id === g)!)
            .filter((c) => c.applicable > 0);
          return {
            groupId: g,
            rate: mine.applicable ? mine.met / mine.applicable : null,
            peerAverage:
              rated.length >= 5 ? rated.reduce((s, c) => s + c.met / c.applicable, 0) / rated.length : null,
          };
        }),
      ),
    );
    // Only the supplier's own staff see it.
    await client.get(`/api/assessments/${ids[0]}/benchmark`).expect(403);
    await oemClient.get(`/api/assessments/${ids[0]}/benchmark`).expect(404);
  });
});
