import { getCatalogue } from '@tierstar/guidelines';
import { scoreLevels, type AnswerValue } from '@tierstar/scoring';
import { Clock } from '../../apps/api/src/common/clock';
import { launchCampaign, makeNetwork, metiStar3Ids, linkTokenOf } from '../support/campaign-fixtures';
import { countRows, makeOrg, makeUser, PASSWORD } from '../support/factories';
import { pollUntil } from '../support/poll';
import { startTestSmtp } from '../support/smtp';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';
import { daysFromToday } from '../support/clock';
import { addCalendarDays, tokyoInstant } from '../../apps/api/src/reminders/calendar/business-calendar';

type Mailer = Awaited<ReturnType<typeof startTestSmtp>>;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const DECLARATION = { declaration: { name: '山田 太郎', title: '代表取締役', date: '2026-11-24' } };

interface Item {
  id: string;
  criterion: { id: string };
  status: string;
  version: number;
  overdue: boolean;
  dueDate: string | null;
  tier: number | null;
  assessmentId: string;
}

describe('remediation of assessment gaps', () => {
  let t: TestApp;
  let smtp: Mailer;
  const ids = metiStar3Ids();

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({
      ROLE: 'all',
      SMTP_URL: `smtp://127.0.0.1:${smtp.smtpPort}`,
      PUBLIC_URL: 'http://tierstar.test',
    });
  });
  afterAll(async () => {
    t?.app.get(Clock).set(null);
    await t?.close();
    await smtp?.close();
  });

  /** Launches to `n` suppliers, signs each contact in, answers every ★3 item (`gaps` not met) and submits. */
  async function submitted(n: number, gaps: Record<string, AnswerValue>) {
    const net = await makeNetwork(t.db, n);
    const buyer = await (await browser(t)).login(net.procurement.email, PASSWORD);
    const campaignId = await launchCampaign(buyer, net.buyer.id);
    const mails = await pollUntil(() => {
      const found = net.suppliers.map((s) => smtp.messages.find((m) => m.to.includes(s.contactEmail)));
      return Promise.resolve(found.every(Boolean) ? found.map((m) => m!) : null);
    });
    const suppliers: { client: TestBrowser; assessmentId: string }[] = [];
    for (const mail of mails) {
      const client = await browser(t);
      const res = await client
        .post('/api/access-links/redeem', { token: await linkTokenOf(t, mail) })
        .expect(200);
      const assessmentId = (res.body as { assessmentId: string }).assessmentId;
      for (const id of ids) {
        await client
          .put(`/api/assessments/${assessmentId}/answers/${encodeURIComponent(id)}`, {
            value: gaps[id] ?? 'met',
            baseVersion: 0,
          })
          .expect(200);
      }
      await client.post(`/api/assessments/${assessmentId}/submit`, DECLARATION).expect(204);
      suppliers.push({ client, assessmentId });
    }
    return { net, buyer, campaignId, suppliers };
  }

  const itemsOf = (client: TestBrowser) =>
    client
      .get('/api/my/remediation')
      .expect(200)
      .then((r) => r.body.items as Item[]);
  const eventsOf = (itemId: string) =>
    t.db.query<{ action: string; from_status: string | null; to_status: string | null; data: object }[]>(
      'SELECT action, from_status, to_status, data FROM remediation_events WHERE item_id = $1 ORDER BY id',
      [itemId],
    );

  it('each gap becomes one item; resubmitting never duplicates; a closed gap moves its item to done', async () => {
    const gaps: Record<string, AnswerValue> = {
      [ids[0]!]: 'not_met',
      [ids[1]!]: 'partial',
      [ids[2]!]: 'unknown',
    };
    const { buyer, suppliers } = await submitted(1, gaps);
    const { client, assessmentId } = suppliers[0]!;
    const [snap] = await t.db.query('SELECT gaps FROM score_snapshots WHERE assessment_id = $1', [
      assessmentId,
    ]);
    expect([...snap.gaps].sort()).toEqual(Object.keys(gaps).sort());
    let items = await itemsOf(client);
    expect(items.map((i) => i.criterion.id).sort()).toEqual(Object.keys(gaps).sort());
    expect(items.every((i) => i.status === 'open' && i.version === 1 && i.tier === 1)).toBe(true);
    for (const i of items) expect((await eventsOf(i.id)).map((e) => e.action)).toEqual(['created']);

    // Returned, one gap fixed in the answers, resubmitted: still one item per gap, the fixed one done.
    await buyer
      .post(`/api/assessments/${assessmentId}/return`, {
        comments: [{ criterionId: ids[0], body: '再確認' }],
      })
      .expect(204);
    await client
      .put(`/api/assessments/${assessmentId}/answers/${encodeURIComponent(ids[2]!)}`, {
        value: 'met',
        baseVersion: 1,
      })
      .expect(200);
    await client.post(`/api/assessments/${assessmentId}/submit`, DECLARATION).expect(204);
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM remediation_items WHERE assessment_id = $1',
      [assessmentId],
    );
    expect(n).toBe(3);
    items = await itemsOf(client);
    const closed = items.find((i) => i.criterion.id === ids[2])!;
    expect([closed.status, closed.version]).toEqual(['done', 2]);
    expect(await eventsOf(closed.id)).toEqual([
      expect.objectContaining({ action: 'created', to_status: 'open' }),
      expect.objectContaining({ action: 'gap_closed', from_status: 'open', to_status: 'done' }),
    ]);
    expect(items.filter((i) => i.status === 'open')).toHaveLength(2);
  });

  it('plan, deadline, transitions, concurrency, evidence, history; verification makes the answer met and ★ follows', async () => {
    const gap = ids[5]!;
    const { net, buyer, campaignId, suppliers } = await submitted(1, { [gap]: 'not_met' });
    const { client, assessmentId } = suppliers[0]!;
    const deadline = daysFromToday(t, 200);
    await t.db.query(`UPDATE campaigns SET remediation_deadline = $2 WHERE id = $1`, [campaignId, deadline]);
    const [item] = await itemsOf(client);
    expect(item!.criterion.id).toBe(gap);
    const url = `/api/remediation/${item!.id}`;
    const eventsBefore = await countRows(t.db, 'remediation_events');

    // Refused changes write nothing.
    const skip = await client.patch(url, { status: 'done', baseVersion: 1 });
    expect([skip.status, skip.body.code, skip.body.from, skip.body.to]).toEqual([
      409,
      'REMEDIATION_TRANSITION_INVALID',
      'open',
      'done',
    ]);
    const toVerified = await client.patch(url, { status: 'verified', baseVersion: 1 });
    expect([toVerified.status, toVerified.body.code]).toEqual([409, 'REMEDIATION_TRANSITION_INVALID']);
    const noPlan = await client.patch(url, { status: 'planned', baseVersion: 1 });
    expect([noPlan.status, noPlan.body.code]).toEqual([422, 'REMEDIATION_PLAN_REQUIRED']);
    const dayAfter = addCalendarDays(deadline, 1);
    const late = await client.patch(url, { dueDate: dayAfter, baseVersion: 1 }).set('Accept-Language', 'en');
    expect([late.status, late.body.code]).toEqual([422, 'REMEDIATION_DUE_AFTER_DEADLINE']);
    expect(late.body.detail).toContain(`buyer's remediation deadline (${deadline})`);
    const lateJa = await client.patch(url, { dueDate: dayAfter, baseVersion: 1 });
    expect(lateJa.body.detail).toContain(`改善期限 (${deadline})`);
    const past = await client.patch(url, { dueDate: '2001-01-01', baseVersion: 1 });
    expect([past.status, past.body.code]).toEqual([422, 'REMEDIATION_DUE_IN_PAST']);
    expect((await client.patch(url, { dueDate: '2099-02-30', baseVersion: 1 })).status).toBe(400);
    expect((await client.patch(url, { dueDate: 'soon', baseVersion: 1 })).status).toBe(400);
    expect((await client.patch(url, { plan: 'x', baseVersion: 1, extra: 1 })).status).toBe(400);
    expect((await client.patch(url, { plan: 'x' })).status).toBe(400);
    const byBuyer = await buyer.patch(url, { plan: '買い手が書く', baseVersion: 1 });
    expect([byBuyer.status, byBuyer.body.code]).toEqual([403, 'ROLE_REQUIRED']);
    expect(await countRows(t.db, 'remediation_events')).toBe(eventsBefore);
    expect((await client.get(url).expect(200)).body.version).toBe(1);

    // The plan.
    const planned = await client
      .patch(url, {
        plan: 'USB メモリの利用ルールを作り、全員に説明する',
        ownerName: '総務 佐藤',
        dueDate: deadline,
        supportOffer: 'https://www.ipa.go.jp/security/otasuketai-pr/',
        status: 'planned',
        baseVersion: 1,
      })
      .expect(200);
    expect(planned.body).toMatchObject({
      status: 'planned',
      version: 2,
      ownerName: '総務 佐藤',
      dueDate: deadline,
      remediationDeadline: deadline,
      overdue: false,
    });

    // Two tabs on the same version: one wins, the other gets the current item.
    const both = await Promise.all([
      client.patch(url, { ownerName: 'A', baseVersion: 2 }),
      client.patch(url, { ownerName: 'B', baseVersion: 2 }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = both.find((r) => r.status === 200)!;
    const loser = both.find((r) => r.status === 409)!;
    expect(loser.body.code).toBe('REMEDIATION_CONFLICT');
    expect(loser.body.current).toMatchObject({ version: 3, ownerName: winner.body.ownerName });

    await client.patch(url, { status: 'in_progress', baseVersion: 3 }).expect(200);
    const noEvidence = await client.patch(url, { status: 'done', baseVersion: 4 });
    expect([noEvidence.status, noEvidence.body.code]).toEqual([422, 'REMEDIATION_EVIDENCE_REQUIRED']);

    // Evidence although the assessment is submitted; a stranger cannot upload.
    const stranger = await (
      await browser(t)
    ).login((await makeUser(t.db, await makeOrg(t.db))).email, PASSWORD);
    await stranger.post(`${url}/evidence`).attach('file', PNG, 'fix.png').expect(404);
    await buyer.post(`${url}/evidence`).attach('file', PNG, 'fix.png').expect(403);
    const uploaded = await client.post(`${url}/evidence`).attach('file', PNG, '規程.png').expect(201);
    expect(uploaded.body.evidence).toEqual([
      expect.objectContaining({ filename: '規程.png', mediaType: 'image/png' }),
    ]);
    expect(uploaded.body.version).toBe(4);
    const file = await buyer
      .get(`/api/assessments/${assessmentId}/evidence/${uploaded.body.evidence[0].id}`)
      .expect(200);
    expect(file.headers['content-type']).toContain('image/png');
    await client.patch(url, { status: 'done', baseVersion: 4 }).expect(200);

    // Only the buyer verifies; the answer becomes met in the same transaction and the level follows.
    await client.post(`${url}/verify`, {}).expect(403);
    const stale = await buyer.post(`${url}/verify`, { baseVersion: 4 });
    expect([stale.status, stale.body.code]).toEqual([409, 'REMEDIATION_CONFLICT']);
    const [before] = await t.db.query('SELECT level FROM score_snapshots WHERE assessment_id = $1', [
      assessmentId,
    ]);
    expect(before.level).toBeNull();
    const verified = await buyer
      .post(`${url}/verify`, { baseVersion: 5, comment: '確認しました' })
      .expect(200);
    expect(verified.body).toMatchObject({
      status: 'verified',
      version: 6,
      verifiedByName: net.procurement.name,
    });
    const values: Record<string, AnswerValue> = Object.fromEntries(ids.map((id) => [id, 'met']));
    const independent = scoreLevels(getCatalogue('meti-scs')!, values, { target: 3 });
    const [after] = await t.db.query('SELECT level, gaps FROM score_snapshots WHERE assessment_id = $1', [
      assessmentId,
    ]);
    expect(after).toEqual({ level: independent.level, gaps: independent.gaps });
    expect(after.level).toBe(3);
    const [answer] = await t.db.query(
      'SELECT value, provenance, source, version FROM assessment_answers WHERE assessment_id = $1 AND criterion_id = $2',
      [assessmentId, gap],
    );
    expect(answer).toEqual({
      value: 'met',
      provenance: 'remediation',
      source: `remediation:${item!.id}`,
      version: 2,
    });
    const view = await client.get(`/api/assessments/${assessmentId}`).expect(200);
    expect(view.body.score.level).toBe(3);

    // Verified is final.
    const again = await buyer.post(`${url}/verify`, {});
    expect([again.status, again.body.code]).toEqual([409, 'REMEDIATION_TRANSITION_INVALID']);
    const closed = await client.patch(url, { plan: '追記', baseVersion: 6 });
    expect([closed.status, closed.body.code]).toEqual([409, 'REMEDIATION_CLOSED']);

    // The whole history, who and what.
    const detail = await buyer.get(url).expect(200);
    expect(detail.body.viewer).toEqual({ canEdit: false, canVerify: true });
    expect((await client.get(url).expect(200)).body.viewer).toEqual({ canEdit: true, canVerify: false });
    expect(
      detail.body.history.map((h: { action: string; fromStatus: string; toStatus: string }) => [
        h.action,
        h.fromStatus,
        h.toStatus,
      ]),
    ).toEqual([
      ['created', null, 'open'],
      ['status', 'open', 'planned'],
      ['updated', 'planned', 'planned'],
      ['status', 'planned', 'in_progress'],
      ['evidence_added', null, null],
      ['status', 'in_progress', 'done'],
      ['verified', 'done', 'verified'],
    ]);
    expect(detail.body.history[1].data.changes).toEqual({
      plan: { from: '', to: 'USB メモリの利用ルールを作り、全員に説明する' },
      ownerName: { from: '', to: '総務 佐藤' },
      dueDate: { from: null, to: deadline },
      supportOffer: { from: '', to: 'https://www.ipa.go.jp/security/otasuketai-pr/' },
    });
    expect(detail.body.history[6].data).toMatchObject({
      answer: { from: 'not_met', to: 'met' },
      level: { from: null, to: 3 },
      comment: '確認しました',
    });
    expect(detail.body.history.every((h: { actorName: string | null }) => h.actorName !== null)).toBe(true);
  });

  it('the buyer reopens a done item with a comment; risk acceptance needs a reason and a review date', async () => {
    const { buyer, suppliers } = await submitted(1, { [ids[0]!]: 'not_met', [ids[1]!]: 'not_met' });
    const { client } = suppliers[0]!;
    const items = await itemsOf(client);
    const [a, b] = [
      items.find((i) => i.criterion.id === ids[0])!,
      items.find((i) => i.criterion.id === ids[1])!,
    ];
    const url = `/api/remediation/${a.id}`;
    await client
      .patch(url, { plan: '対応する', dueDate: daysFromToday(t, 60), status: 'in_progress', baseVersion: 1 })
      .expect(200);
    await client.post(`${url}/evidence`).attach('file', PNG, 'a.png').expect(201);
    await client.patch(url, { status: 'done', baseVersion: 2 }).expect(200);
    expect((await buyer.post(`${url}/reopen`, {})).status).toBe(400);
    expect((await buyer.post(`${url}/reopen`, { comment: '   ' })).status).toBe(400);
    await client.post(`${url}/reopen`, { comment: '自分で' }).expect(403);
    const reopened = await buyer.post(`${url}/reopen`, { comment: '証跡が古い版です' }).expect(200);
    expect([reopened.body.status, reopened.body.history.at(-1).action]).toEqual(['in_progress', 'reopened']);
    expect(reopened.body.history.at(-1).data).toEqual({ comment: '証跡が古い版です' });
    const notDone = await buyer.post(`${url}/reopen`, { comment: 'もう一度' });
    expect([notDone.status, notDone.body.code]).toEqual([409, 'REMEDIATION_TRANSITION_INVALID']);

    const risk = `/api/remediation/${b.id}`;
    const reviewOn = daysFromToday(t, 365);
    const noReason = await client.patch(risk, {
      status: 'risk_accepted',
      riskExpiresOn: reviewOn,
      baseVersion: 1,
    });
    expect([noReason.status, noReason.body.code]).toEqual([422, 'RISK_ACCEPTANCE_INCOMPLETE']);
    const noDate = await client.patch(risk, {
      status: 'risk_accepted',
      riskReason: '古い機械',
      baseVersion: 1,
    });
    expect([noDate.status, noDate.body.code]).toEqual([422, 'RISK_ACCEPTANCE_INCOMPLETE']);
    const accepted = await client
      .patch(risk, {
        status: 'risk_accepted',
        riskReason: '制御機器の更新は来年度',
        riskExpiresOn: reviewOn,
        baseVersion: 1,
      })
      .expect(200);
    expect(accepted.body).toMatchObject({ status: 'risk_accepted', riskExpiresOn: reviewOn });
    const verifyRisk = await buyer.post(`${risk}/verify`, {});
    expect([verifyRisk.status, verifyRisk.body.code]).toEqual([409, 'REMEDIATION_TRANSITION_INVALID']);
  });

  it('tenants are isolated: another supplier, a stranger and another buyer get 404', async () => {
    const { net, suppliers } = await submitted(2, { [ids[0]!]: 'not_met' });
    const [a, b] = suppliers;
    const [itemA] = await itemsOf(a!.client);
    const [itemB] = await itemsOf(b!.client);
    expect(itemA!.id).not.toBe(itemB!.id);
    const url = `/api/remediation/${itemA!.id}`;
    await b!.client.get(url).expect(404);
    await b!.client.patch(url, { plan: 'x', baseVersion: 1 }).expect(404);
    await b!.client.post(`${url}/evidence`).attach('file', PNG, 'x.png').expect(404);
    const stranger = await (
      await browser(t)
    ).login((await makeUser(t.db, await makeOrg(t.db))).email, PASSWORD);
    await stranger.get(url).expect(404);
    await stranger.post(`${url}/verify`, {}).expect(404);
    await stranger.post(`${url}/reopen`, { comment: 'x' }).expect(404);
    await stranger.get('/api/remediation/not-a-uuid').expect(404);
    expect(await itemsOf(stranger)).toEqual([]);
    await stranger.get(`/api/orgs/${net.buyer.id}/remediation`).expect(404);
    // Another buyer sees nothing of it.
    const other = await makeNetwork(t.db, 0);
    const otherBuyer = await (await browser(t)).login(other.procurement.email, PASSWORD);
    await otherBuyer.get(url).expect(404);
    const list = await otherBuyer.get(`/api/orgs/${other.buyer.id}/remediation`).expect(200);
    expect(list.body.items).toEqual([]);
    expect((await a!.client.get(url).expect(200)).body.id).toBe(itemA!.id);
    expect(
      await countRows(t.db, `remediation_events WHERE item_id = '${itemA!.id}' AND action <> 'created'`),
    ).toBe(0);
  });

  it('the buyer list filters by status, tier, campaign and overdue (Asia/Tokyo, injectable clock) and pages', async () => {
    const gaps: Record<string, AnswerValue> = {
      [ids[0]!]: 'not_met',
      [ids[1]!]: 'not_met',
      [ids[2]!]: 'partial',
    };
    const { net, buyer, campaignId, suppliers } = await submitted(2, gaps);
    const base = `/api/orgs/${net.buyer.id}/remediation`;
    const all = await buyer.get(base).expect(200);
    expect([all.body.total, all.body.items.length]).toEqual([6, 6]);

    // Supplier 0 plans two items due in 90 days; one of them is already done.
    const due = daysFromToday(t, 90);
    const [s0, s1] = suppliers;
    const mine = await itemsOf(s0!.client);
    const [x, y] = [
      mine.find((i) => i.criterion.id === ids[0])!,
      mine.find((i) => i.criterion.id === ids[1])!,
    ];
    await s0!.client
      .patch(`/api/remediation/${x.id}`, {
        plan: 'A',
        dueDate: due,
        status: 'planned',
        baseVersion: 1,
      })
      .expect(200);
    await s0!.client
      .patch(`/api/remediation/${y.id}`, {
        plan: 'B',
        dueDate: due,
        status: 'in_progress',
        baseVersion: 1,
      })
      .expect(200);
    await s0!.client.post(`/api/remediation/${y.id}/evidence`).attach('file', PNG, 'y.png').expect(201);
    await s0!.client.patch(`/api/remediation/${y.id}`, { status: 'done', baseVersion: 2 }).expect(200);

    const clock = t.app.get(Clock);
    try {
      // 00:30 Tokyo the day after the due date (15:30 UTC on the due date itself): overdue in Tokyo.
      clock.set(new Date(tokyoInstant(addCalendarDays(due, 1), 0).getTime() + 30 * 60_000));
      // Sessions expire on the test clock too: sign in again at that time.
      const later = await (await browser(t)).login(net.procurement.email, PASSWORD);
      const overdue = await later.get(`${base}?overdue=true`).expect(200);
      expect(overdue.body.items.map((i: Item) => i.id)).toEqual([x.id]);
      expect(overdue.body.items[0].overdue).toBe(true);
      expect((await later.get(`${base}?overdue=false`).expect(200)).body.total).toBe(5);
      // 23:00 Tokyo on the due date: not yet.
      clock.set(tokyoInstant(due, 23));
      expect((await later.get(`${base}?overdue=true`).expect(200)).body.total).toBe(0);
    } finally {
      clock.set(null);
    }

    expect((await buyer.get(`${base}?status=done`).expect(200)).body.items.map((i: Item) => i.id)).toEqual([
      y.id,
    ]);
    await t.db.query('UPDATE campaign_suppliers SET tier = 2 WHERE campaign_id = $1 AND supplier_id = $2', [
      campaignId,
      net.suppliers[1]!.org.id,
    ]);
    const tier2 = await buyer.get(`${base}?tier=2`).expect(200);
    expect(tier2.body.total).toBe(3);
    expect(tier2.body.items.every((i: Item) => i.assessmentId === s1!.assessmentId && i.tier === 2)).toBe(
      true,
    );
    expect((await buyer.get(`${base}?tier=1&status=open`).expect(200)).body.total).toBe(1);
    expect((await buyer.get(`${base}?campaignId=${campaignId}`).expect(200)).body.total).toBe(6);
    expect((await buyer.get(`${base}?campaignId=${net.buyer.id}`).expect(200)).body.total).toBe(0);

    // Keyset pages: every item once, due dates first.
    const seen: Item[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Item[]; nextCursor: string | null } } = await buyer
        .get(`${base}?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen.map((i) => i.id)).size).toBe(6);
    expect(seen.slice(0, 2).map((i) => i.dueDate)).toEqual([due, due]);

    for (const bad of [
      '?status=late',
      '?overdue=yes',
      '?tier=0',
      '?limit=1000',
      '?cursor=xyz',
      '?campaignId=1',
    ]) {
      const res = await buyer.get(`${base}${bad}`);
      expect([bad, res.status]).toEqual([bad, 400]);
    }
  });
});
