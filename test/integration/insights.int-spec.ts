import { getCatalogue } from '@tierstar/guidelines';
import { scoreLevels, type AnswerValue } from '@tierstar/scoring';
import ExcelJS from 'exceljs';
import { AnswersService } from '../../apps/api/src/assessments/answers.service';
import { loadAccess } from '../../apps/api/src/assessments/assessment-access';
import { ReviewService } from '../../apps/api/src/assessments/review.service';
import { Clock } from '../../apps/api/src/common/clock';
import { tokyoDate } from '../../apps/api/src/reminders/calendar/business-calendar';
import { Membership } from '../../apps/api/src/organizations/membership.entity';
import type { Organization } from '../../apps/api/src/organizations/organization.entity';
import type { User } from '../../apps/api/src/users/user.entity';
import { assessmentOf, DECLARATION, linkSuppliers, signedIn } from '../support/cascade-fixtures';
import { makeOrg, makeUser, PASSWORD } from '../support/factories';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';

jest.setTimeout(180_000);

const meti = getCatalogue('meti-scs')!;
const GROUPS = meti.groups.map((g) => g.id);
const CLOSED = ['done', 'verified', 'risk_accepted'];
// Tokyo is already on 2030-06-15 while UTC is still on the 14th: an item due on the 14th is overdue.
const NOW = new Date('2030-06-14T16:00:00Z');
/** Due dates half a year after the test clock's "now". */
const DUE = tokyoDate(new Date(NOW.getTime() + 180 * 86_400_000));

const K = 5;

type Consent = 'direct' | 'full' | 'summary' | 'none';
interface Entry {
  org: Organization;
  tier: 1 | 2;
  consent: Consent;
  answers: Record<string, AnswerValue>;
  target: number;
  /** Tags and criticality of the OEM's own link reaching the supplier (to the Tier 1 it came through). */
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

function score(e: Entry): Score {
  const r = scoreLevels(meti, e.answers, { target: e.target });
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

/** The filters an insights request may carry (a root campaign counts as a filter). */
interface Sel {
  root?: 'r1' | 'r2';
  tag?: string;
  criticality?: string;
  region?: string;
}

// The anonymity rules, written again from the specification (docs/architecture.md, Cascade and insights).
const narrowing = (f: Sel) => !!(f.root || f.tag || f.criticality || f.region);
const few = (n: number) => n > 0 && n < K;
const count = (of: Entry[], c: Consent) => of.filter((e) => e.consent === c).length;
/** Hidden: 1..4 suppliers that are not full, or 1..4 with consent none. */
const hiddenGroup = (of: Entry[]) => few(count(of, 'summary') + count(of, 'none')) || few(count(of, 'none'));
/** The suppliers that count in aggregates: with a filter, consent none counts nowhere. */
const counted = (entries: Entry[], f: Sel) =>
  narrowing(f) ? entries.filter((e) => e.consent !== 'none') : entries;

function expectedHeatmap(entries: Entry[], f: Sel) {
  return [1, 2].map((tier) => {
    const of = counted(entries, f).filter((e) => e.tier === tier);
    const scores = of.map(score);
    const hidden = hiddenGroup(of);
    return {
      tier,
      hidden,
      suppliers: hidden ? null : of.length,
      cells: GROUPS.map((g) => {
        const present = of.filter((e) => score(e).categories[g]);
        if (hiddenGroup(present)) {
          return {
            groupId: g,
            hidden: true,
            suppliers: null,
            meetingTarget: null,
            shareMeetingTarget: null,
            averageAchievement: null,
          };
        }
        const meeting = scores.filter((s) => s.categories[g]!.met === s.categories[g]!.applicable).length;
        const rated = scores.filter((s) => s.categories[g]!.applicable > 0);
        return {
          groupId: g,
          hidden: false,
          suppliers: present.length,
          meetingTarget: meeting,
          shareMeetingTarget: present.length ? meeting / present.length : 0,
          averageAchievement: rated.length
            ? rated.reduce((sum, s) => sum + s.categories[g]!.met / s.categories[g]!.applicable, 0) /
              rated.length
            : null,
        };
      }),
    };
  });
}

/** A row as the OEM may see it: summary is ★, category rates and the open remediation count only. */
function expectedRow(e: Entry) {
  const s = score(e);
  const r = remediation(e);
  const summary = e.consent === 'summary';
  return {
    supplierId: e.org.id,
    supplierName: e.org.name,
    tier: e.tier,
    consent: e.consent,
    viaSupplierName: e.viaName,
    level: s.level,
    confirmedLevel: null,
    targetLevel: e.target,
    achievement: !summary && s.applicable ? s.met / s.applicable : null,
    categories: summary ? null : s.categories,
    categoryRates: Object.fromEntries(
      Object.entries(s.categories).map(([g, c]) => [g, c.applicable ? c.met / c.applicable : null]),
    ),
    openRemediation: r.open,
    overdueRemediation: summary ? null : r.overdue,
    assessmentId: e.consent === 'direct' || e.consent === 'full' ? e.assessmentId : null,
  };
}

function expectedDistribution(entries: Entry[], f: Sel) {
  return [1, 2].map((tier) => {
    const of = counted(entries, f).filter((e) => e.tier === tier);
    if (hiddenGroup(of)) {
      return {
        tier,
        hidden: true,
        suppliers: null,
        levels: [],
        openRemediation: null,
        overdueRemediation: null,
      };
    }
    const levels = of.map((e) => score(e).level);
    const rem = of.map(remediation);
    const overdueVisible = count(of, 'summary') === 0 || !narrowing(f);
    return {
      tier,
      hidden: false,
      suppliers: of.length,
      levels: [null, 3, 4].map((level) => ({
        level,
        claimed: levels.filter((l) => l === level).length,
        confirmed: level === null ? of.length : 0,
      })),
      openRemediation: rem.reduce((s, r) => s + r.open, 0),
      overdueRemediation: overdueVisible ? rem.reduce((s, r) => s + r.overdue, 0) : null,
    };
  });
}

/** Every criterion id of the catalogue, as a JSON string: none may appear in what summary consent returns. */
const CRITERION_STRINGS = meti.criteria.map((c) => `"${c.id}"`);

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
          naReason: value === 'not_applicable' ? '該当しない' : '',
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
        dueDate: DUE,
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

    // Tier 2 through A and B: 1 full, 6 summary, 5 none; one Tier 2 never submits. The Tier 1s tag and rate
    // their own links to them privately: those never filter the OEM's insights (the OEM's link to A or B does).
    type T2Spec = {
      name: string;
      consent: 'full' | 'summary' | 'none' | null;
      tags: string[];
      criticality?: 'low' | 'medium' | 'high' | 'critical';
      region: string;
    };
    const t2aSpec: T2Spec[] = [
      { name: 'T2-a 全開示', consent: 'full', tags: ['mold'], criticality: 'low', region: '群馬県' },
      { name: 'T2-b 概要', consent: 'summary', tags: ['mold'], criticality: 'critical', region: '愛知県' },
      { name: 'T2-f 概要', consent: 'summary', tags: ['t1-private'], region: '愛知県' },
      { name: 'T2-l 概要', consent: 'summary', tags: [], region: '三重県' },
      { name: 'T2-g 非開示', consent: 'none', tags: ['t1-private'], region: '愛知県' },
      { name: 'T2-h 非開示', consent: 'none', tags: [], region: '静岡県' },
    ];
    const t2bSpec: T2Spec[] = [
      { name: 'T2-c 非開示', consent: 'none', tags: ['press'], criticality: 'critical', region: '愛知県' },
      { name: 'T2-d 概要', consent: 'summary', tags: ['press'], criticality: 'high', region: '大阪府' },
      { name: 'T2-k 概要', consent: 'summary', tags: ['press'], region: '大阪府' },
      { name: 'T2-m 概要', consent: 'summary', tags: [], region: '京都府' },
      { name: 'T2-i 非開示', consent: 'none', tags: [], region: '大阪府' },
      { name: 'T2-j 非開示', consent: 'none', tags: [], region: '愛知県' },
      { name: 'T2-e 未提出', consent: null, tags: ['press'], criticality: 'high', region: '大阪府' },
    ];
    const t2: Entry[] = [];
    let seed = 3;
    const forwardTo = async (
      via: Organization,
      viaEntry: Entry,
      viaLink: (typeof t1Spec)[number],
      specs: T2Spec[],
    ) => {
      const orgs = await linkSuppliers(t.db, via, specs);
      const { client } = await signedIn(t, via, 'procurement');
      const res = await client
        .post(`/api/assessments/${viaEntry.assessmentId}/forward`, { dueDate: DUE, selection: { all: true } })
        .expect(201);
      const child = res.body.campaignId as string;
      for (const [i, spec] of specs.entries()) {
        if (!spec.consent) continue;
        const link = { tags: viaLink.tags, criticality: viaLink.criticality, region: spec.region };
        t2.push(await add(orgs[i]!, link, 2, spec.consent, child, 'r1', 3, seed++, via.name));
      }
    };
    await forwardTo(a, eA1, t1Spec[0]!, t2aSpec);
    await forwardTo(b, eB, t1Spec[1]!, t2bSpec);
    expect(t2.map((e) => e.consent).sort()).toEqual([
      'full',
      ...Array<string>(5).fill('none'),
      ...Array<string>(6).fill('summary'),
    ]);
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
        dueDate: DUE,
        selection: { supplierIds: [a.id] },
      })
      .expect(201);
    root2 = second.body.id as string;
    await oemClient.post(`/api/orgs/${oem.id}/campaigns/${root2}/launch`).expect(200);
    await t.db.query(
      `UPDATE assessments SET submitted_at = $2::timestamptz - interval '1 day' WHERE id = $1`,
      [eA1.assessmentId, NOW],
    );
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
  function select(opts: Sel = {}) {
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

  const filters: [string, Sel][] = [
    ['', {}],
    ['campaignId=ROOT1', { root: 'r1' }],
    ['campaignId=ROOT2', { root: 'r2' }],
    ['tag=press', { tag: 'press' }],
    ['tag=mold', { tag: 'mold' }],
    ['tag=t1-private', { tag: 't1-private' }],
    ['criticality=high', { criticality: 'high' }],
    ['criticality=critical', { criticality: 'critical' }],
    ['region=' + encodeURIComponent('愛知県'), { region: '愛知県' }],
    ['region=' + encodeURIComponent('群馬県'), { region: '群馬県' }],
    ['tag=press&region=' + encodeURIComponent('大阪府'), { tag: 'press', region: '大阪府' }],
  ];
  const qs = (q: string) => q.replace('ROOT1', root1).replace('ROOT2', root2);

  it('the heat map matches an independent score of every supplier, for every filter, with k-anonymity', async () => {
    expect(select()).toHaveLength(entries.length);
    const tier2 = new Map<string, { hidden: boolean; suppliers: number | null }>();
    for (const [q, f] of filters) {
      const res = await oemClient.get(`${base()}/heatmap?${qs(q)}`).expect(200);
      expect(res.body.catalogue).toMatchObject({ id: 'meti-scs', version: meti.version });
      expect(res.body.catalogue.groups.map((g: { id: string }) => g.id)).toEqual(GROUPS);
      expect([res.body.anonymousCounted, res.body.minimumGroup]).toEqual([!narrowing(f), K]);
      expect(rounded(res.body.tiers)).toEqual(rounded(expectedHeatmap(select(f), f)));
      tier2.set(q, { hidden: res.body.tiers[1].hidden, suppliers: res.body.tiers[1].suppliers });
    }
    // The fixture reaches every case: all 12 Tier 2 counted (5 none among them) without filters; the 7 that
    // share something for a campaign; hidden when a filter leaves 1–4 summary suppliers; shown for one full.
    expect(tier2.get('')).toEqual({ hidden: false, suppliers: 12 });
    expect(tier2.get('campaignId=ROOT1')).toEqual({ hidden: false, suppliers: 7 });
    expect(tier2.get('tag=press')).toEqual({ hidden: true, suppliers: null });
    expect(tier2.get('criticality=critical')).toEqual({ hidden: true, suppliers: null });
    expect(tier2.get('region=' + encodeURIComponent('愛知県'))).toEqual({ hidden: true, suppliers: null });
    expect(tier2.get('region=' + encodeURIComponent('群馬県'))).toEqual({ hidden: false, suppliers: 1 });
    // A Tier 1's private tag on its own links selects nobody upstream.
    expect(tier2.get('tag=t1-private')).toEqual({ hidden: false, suppliers: 0 });
    // A built-in catalogue without campaigns: its groups, nobody counted; an unknown one: nothing.
    const other = await oemClient.get(`${base()}/heatmap?catalogueId=jama-japia`).expect(200);
    expect(other.body.catalogue.id).toBe('jama-japia');
    expect(
      other.body.tiers.map((x: { hidden: boolean; suppliers: number }) => [x.hidden, x.suppliers]),
    ).toEqual([
      [false, 0],
      [false, 0],
    ]);
    const unknown = await oemClient.get(`${base()}/heatmap?catalogueId=jama-cyber`).expect(200);
    expect(unknown.body).toEqual({ catalogue: null, anonymousCounted: true, minimumGroup: K, tiers: [] });
  });

  it('the distribution matches (claimed vs confirmed ★ per tier, open and overdue remediation in Tokyo time)', async () => {
    const overdue = new Map<string, number | null>();
    for (const [q, f] of filters) {
      const res = await oemClient.get(`${base()}/distribution?${qs(q)}`).expect(200);
      expect([res.body.anonymousCounted, res.body.minimumGroup]).toEqual([!narrowing(f), K]);
      expect(res.body.tiers).toEqual(expectedDistribution(select(f), f));
      overdue.set(q, res.body.tiers[1].overdueRemediation);
    }
    // Overdue counts are not part of summary: with a filter, a Tier 2 total over summary suppliers is withheld.
    expect(overdue.get('')).toBeGreaterThan(0);
    expect(overdue.get('campaignId=ROOT1')).toBeNull();
    const fullT2 = entries.find((e) => e.consent === 'full')!;
    expect(overdue.get('region=' + encodeURIComponent('群馬県'))).toBe(remediation(fullT2).overdue);
  });

  it('the supplier list matches row by row, hides consent none, sorts and pages', async () => {
    for (const [q, f] of filters) {
      const res = await oemClient.get(`${base()}/suppliers?limit=500&${qs(q)}`).expect(200);
      const matching = select(f);
      const visible = matching.filter((e) => e.consent !== 'none');
      const expected = visible.map(expectedRow);
      const got = rounded(
        res.body.items.map((r: Record<string, unknown>) => {
          const { viaSupplierId: _v, ...rest } = r;
          return rest;
        }),
      ) as { supplierId: string }[];
      expect(got.map((r) => r.supplierId).sort()).toEqual(expected.map((r) => r.supplierId).sort());
      const byId = new Map(expected.map((r) => [r.supplierId, r]));
      for (const r of got) expect(r).toEqual(rounded(byId.get(r.supplierId)));
      expect(res.body.total).toBe(visible.length);
      // How many are not listed is itself a figure: only without filters and in a group of k or more.
      expect(res.body.hiddenByConsent).toBe(
        narrowing(f) || hiddenGroup(matching) ? null : count(matching, 'none'),
      );
      expect(JSON.stringify(res.body)).not.toContain('ANSWER-NOTE');
    }
    const unfiltered = await oemClient.get(`${base()}/suppliers?limit=500`).expect(200);
    expect(unfiltered.body.hiddenByConsent).toBe(5);
    // The OEM's tag filter acts on its own links only: T2-b (tagged "mold" by A, privately) is not a "mold"
    // supplier for the OEM, T2-d (tagged "press" by B) is one of B's, which the OEM tagged "mold".
    const mold = await oemClient.get(`${base()}/suppliers?limit=500&tier=2&tag=mold`).expect(200);
    expect(mold.body.items.map((r: { supplierName: string }) => r.supplierName).sort()).toEqual([
      'T2-d 概要',
      'T2-k 概要',
      'T2-m 概要',
    ]);
    // Sorting by achievement (desc; summary rows do not share it and come last) and by a category, and
    // keyset-free paging with a cursor.
    const byAch = await oemClient
      .get(`${base()}/suppliers?sort=achievement&order=desc&limit=500`)
      .expect(200);
    const ach = byAch.body.items.map((r: { achievement: number | null }) => r.achievement) as (
      number | null
    )[];
    const known = ach.filter((x): x is number => x !== null);
    expect(known.length).toBeGreaterThan(1);
    expect(ach).toEqual([...known.sort((x, y) => y - x), ...Array<null>(6).fill(null)]);
    const g = GROUPS[1]!;
    const byCat = await oemClient.get(`${base()}/suppliers?sort=${g}&tier=2`).expect(200);
    const rates = byCat.body.items.map(
      (r: { categoryRates: Record<string, number | null> }) => r.categoryRates[g],
    ) as number[];
    expect(rates).toHaveLength(7);
    expect(rates).toEqual([...rates].sort((x, y) => x - y));
    expect(byCat.body.items.every((r: { tier: number }) => r.tier === 2)).toBe(true);
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
    expect(pages).toHaveLength(10);
    await oemClient.get(`${base()}/suppliers?sort=nope`).expect(400);
    await oemClient.get(`${base()}/suppliers?cursor=bad`).expect(400);
  });

  it('cells drill down into the suppliers of one tier × category, consent-respecting', async () => {
    const g = GROUPS[2]!;
    const meets = (e: Entry) => {
      const c = score(e).categories[g]!;
      return c.met === c.applicable;
    };
    for (const tier of [1, 2]) {
      const res = await oemClient.get(`${base()}/cells?tier=${tier}&groupId=${g}&limit=500`).expect(200);
      const inCell = select().filter((e) => e.tier === tier);
      const expected = inCell.filter((e) => e.consent !== 'none');
      expect(res.body.items.map((r: { supplierId: string }) => r.supplierId).sort()).toEqual(
        expected.map((e) => e.org.id).sort(),
      );
      expect(res.body.hiddenByConsent).toBe(count(inCell, 'none'));
      for (const meeting of [true, false]) {
        const part = await oemClient
          .get(`${base()}/cells?tier=${tier}&groupId=${g}&meeting=${meeting}`)
          .expect(200);
        expect(part.body.total).toBe(expected.filter((e) => meets(e) === meeting).length);
        expect(part.body.hiddenByConsent).toBe(
          inCell.filter((e) => e.consent === 'none' && meets(e) === meeting).length,
        );
      }
    }
    // With a filter the rows that may be seen are still listed, but nothing is said about the others.
    const filtered = await oemClient.get(`${base()}/cells?tier=2&groupId=${g}&tag=press`).expect(200);
    expect(filtered.body.items.map((r: { supplierName: string }) => r.supplierName).sort()).toEqual([
      'T2-a 全開示',
      'T2-b 概要',
      'T2-f 概要',
      'T2-l 概要',
    ]);
    expect(filtered.body.hiddenByConsent).toBeNull();
    await oemClient.get(`${base()}/cells?tier=2&groupId=zzz`).expect(400);
  });

  it('one supplier: gaps with titles and remediation items; summary gets neither; 404 for consent none or outside', async () => {
    const titles = new Map(meti.criteria.map((c) => [c.id, c.title]));
    let withGaps = 0;
    for (const e of entries) {
      const res = await oemClient.get(`${base()}/suppliers/${e.org.id}`);
      if (e.consent === 'none') {
        expect(res.status).toBe(404);
        continue;
      }
      expect(res.status).toBe(200);
      const { viaSupplierId: _v, gaps, remediation: items, ...row } = res.body;
      expect(rounded(row)).toEqual(rounded(expectedRow(e)));
      if (e.consent === 'summary') {
        // ★, category rates and the open count only: no criterion, no item.
        expect([gaps, items]).toEqual([null, null]);
        for (const id of CRITERION_STRINGS) expect(res.text).not.toContain(id);
        continue;
      }
      expect(gaps).toEqual(score(e).gaps.map((id) => ({ criterionId: id, title: titles.get(id) })));
      withGaps += gaps.length > 0 ? 1 : 0;
      expect(items).toHaveLength(score(e).gaps.length);
      for (const it of items as { criterionId: string; status: string; dueDate: string | null }[]) {
        const set = e.items.get(it.criterionId) ?? { status: 'open', due: null };
        expect([it.status, it.dueDate]).toEqual([set.status, set.due]);
      }
    }
    expect(withGaps).toBeGreaterThanOrEqual(3);
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

  it('exports: CSV (BOM, ja/en headers) and xlsx carry the same numbers and hide the same cells', async () => {
    const csvJa = await oemClient.get(`${base()}/heatmap.csv`).set('Accept-Language', 'ja').expect(200);
    expect(csvJa.headers['content-type']).toContain('text/csv');
    expect(csvJa.headers['content-disposition']).toMatch(/^attachment; filename="heatmap-2030-06-15\.csv"$/);
    expect(parseCsv(csvJa.text)[0]).toEqual([
      '階層',
      '分類ID',
      '分類',
      '取引先数',
      '目標達成数',
      '目標達成率',
      '平均達成度',
      '非表示の理由',
    ]);
    const num = (s: string | number | null | undefined) =>
      s === '' || s === null || s === undefined ? null : Number(s);
    const fromRow = (r: (string | number | null)[]) => ({
      tier: Number(r[0]),
      groupId: String(r[1]),
      suppliers: num(r[3]),
      meetingTarget: num(r[4]),
      shareMeetingTarget: num(r[5]),
      averageAchievement: num(r[6]),
      hiddenBecause: r[7] === undefined || r[7] === '' ? null : String(r[7]),
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
    const reason = 'Fewer than 5 suppliers that do not share their full answers';
    // Unfiltered (every Tier 2 cell shown) and a tag filter (every Tier 2 cell hidden): same as on screen.
    for (const q of ['', 'tag=press']) {
      const heat = await oemClient.get(`${base()}/heatmap?${q}`).expect(200);
      type Cell = {
        tier: number;
        groupId: string;
        hidden: boolean;
        suppliers: number | null;
        meetingTarget: number | null;
        shareMeetingTarget: number | null;
        averageAchievement: number | null;
      };
      const cells = heat.body.tiers.flatMap((x: { tier: number; cells: Omit<Cell, 'tier'>[] }) =>
        x.cells.map((c) => ({ tier: x.tier, ...c })),
      ) as Cell[];
      expect(cells.filter((c) => c.tier === 2).every((c) => c.hidden === (q !== ''))).toBe(true);
      const expected = round(
        cells.map(({ hidden, ...c }) => ({ ...c, hiddenBecause: hidden ? reason : null })),
      );
      const csvEn = await oemClient
        .get(`${base()}/heatmap.csv?${q}`)
        .set('Accept-Language', 'en-US,en')
        .expect(200);
      const rowsEn = parseCsv(csvEn.text);
      expect(rowsEn[0]![0]).toBe('Tier');
      expect(round(rowsEn.slice(1).map(fromRow))).toEqual(expected);

      const xlsx = await oemClient
        .get(`${base()}/heatmap.xlsx?lang=en&${q}`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as never);
      const xrows: (string | number | null)[][] = [];
      wb.worksheets[0]!.eachRow((row) => xrows.push((row.values as (string | number | null)[]).slice(1)));
      expect(xrows[0]![0]).toBe('Tier');
      expect(round(xrows.slice(1).map(fromRow))).toEqual(expected);
    }

    // Suppliers: same rows as the list (filters apply), consent none never exported, summary as on screen.
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
      categoryRates: Record<string, number | null>;
      openRemediation: number;
      overdueRemediation: number | null;
    }[];
    expect(items.filter((r) => r.consent === 'summary')).toHaveLength(3);
    const near = (cell: string | number | null | undefined, v: number | null) => {
      if (v === null) expect(num(cell)).toBeNull();
      else expect(num(cell)).toBeCloseTo(v, 5);
    };
    for (const rows of [sCsv.slice(1), srows.slice(1)]) {
      expect(rows).toHaveLength(items.length);
      rows.forEach((r, i) => {
        const it = items[i]!;
        expect(String(r[0])).toBe(it.supplierName);
        expect([Number(r[1]), String(r[2]), num(r[4])]).toEqual([it.tier, it.consent, it.level]);
        near(r[7], it.achievement);
        GROUPS.forEach((g, k) => near(r[8 + k], it.categoryRates[g] ?? null));
        expect([num(r[8 + GROUPS.length]), num(r[9 + GROUPS.length])]).toEqual([
          it.openRemediation,
          it.overdueRemediation,
        ]);
      });
    }
    const allCsv = (await oemClient.get(`${base()}/suppliers.csv`).expect(200)).text;
    for (const none of entries.filter((e) => e.consent === 'none'))
      expect(allCsv).not.toContain(none.org.name);
  });

  it('benchmarks: only peers with a verified member, accepted by an independent buyer; nothing below 5', async () => {
    const verified = { emailVerifiedAt: NOW };
    const buyer = await makeOrg(t.db, { name: 'Bench buyer' });
    const proc = await makeUser(t.db, buyer, 'procurement', verified);
    const client = await (await browser(t)).login(proc.email, PASSWORD);
    // 0 asks; 1–5 are genuine small peers; 6 is large; 7 is small but no member ever verified an email;
    // 8 is small and submitted but never accepted.
    const orgs = await linkSuppliers(t.db, buyer, [
      ...Array.from({ length: 6 }, (_, i) => ({ name: `Peer ${i}`, sizeBand: 'small' as const })),
      { name: 'Large one', sizeBand: 'large' as const },
      { name: 'Unverified', sizeBand: 'small' as const },
      { name: 'Not accepted', sizeBand: 'small' as const },
    ]);
    const launch = async (by: TestBrowser, org: Organization) => {
      const created = await by
        .post(`/api/orgs/${org.id}/campaigns`, {
          title: 'peers',
          catalogueId: 'meti-scs',
          dueDate: DUE,
          selection: { tiers: [1] },
        })
        .expect(201);
      await by.post(`/api/orgs/${org.id}/campaigns/${created.body.id}/launch`).expect(200);
      return created.body.id as string;
    };
    const campaign = await launch(client, buyer);
    const ids: string[] = [];
    const answers: Record<string, AnswerValue>[] = [];
    const users: User[] = [];
    for (const [i, org] of orgs.entries()) {
      ids.push(await assessmentOf(t.db, campaign, org.id));
      answers.push(answersFor(10 + i, 3));
      users.push(await makeUser(t.db, org, 'respondent', i === 7 ? { emailVerifiedAt: null } : verified));
    }
    for (const i of [0, 1, 2, 3, 4, 6, 7, 8]) await answerAndSubmit(ids[i]!, users[i]!.id, answers[i]!);
    for (const i of [0, 1, 2, 3, 4, 6, 7]) {
      await client.post(`/api/assessments/${ids[i]}/accept`, {}).expect(204);
    }

    // The attack: the asker also runs a buyer of its own, whose five small "suppliers" (verified mailboxes the
    // attacker holds) answer everything "met" and are accepted by it.
    const asker = users[0]!;
    const ownBuyer = await makeOrg(t.db, { name: 'Asker buyer' });
    await t.db
      .getRepository(Membership)
      .insert({ userId: asker.id, organizationId: ownBuyer.id, role: 'admin' });
    const fakes = await linkSuppliers(
      t.db,
      ownBuyer,
      Array.from({ length: 5 }, (_, i) => ({ name: `Fake ${i}`, sizeBand: 'small' as const })),
    );
    const askerClient = await (await browser(t)).login(asker.email, PASSWORD);
    const fakeCampaign = await launch(askerClient, ownBuyer);
    for (const org of fakes) {
      const id = await assessmentOf(t.db, fakeCampaign, org.id);
      await answerAndSubmit(id, (await makeUser(t.db, org, 'respondent', verified)).id, answersFor(0, 3));
      await askerClient.post(`/api/assessments/${id}/accept`, {}).expect(204);
    }

    // Four genuine peers: not enough, and nothing about the 4 + 1 + 1 + 5 others is revealed.
    const few = await askerClient.get(`/api/assessments/${ids[0]}/benchmark`).expect(200);
    expect(few.body).toMatchObject({ enoughData: false, peers: 0, minimumPeers: 5 });
    expect(few.body.categories.every((c: { peerAverage: number | null }) => c.peerAverage === null)).toBe(
      true,
    );

    await answerAndSubmit(ids[5]!, users[5]!.id, answers[5]!);
    await client.post(`/api/assessments/${ids[5]}/accept`, {}).expect(204);
    const enough = await askerClient.get(`/api/assessments/${ids[0]}/benchmark`).expect(200);
    expect(enough.body.enoughData).toBe(true);
    expect(enough.body.peers).toBe(5);
    const own = scoreLevels(meti, answers[0]!, { target: 3 });
    const peers = [1, 2, 3, 4, 5].map((i) => scoreLevels(meti, answers[i]!, { target: 3 }));
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
