import { randomBytes } from 'node:crypto';
import type { Organization } from '../../apps/api/src/organizations/organization.entity';
import { ACCESS_LINK_MAX_DAYS } from '../../apps/api/src/assessments/access-token';
import { FirstAdminRefused, grantFirstAdmin } from '../../apps/api/src/organizations/first-admin';
import { addCalendarDays, tokyoDate } from '../../apps/api/src/reminders/calendar/business-calendar';
import { answerAll, assessmentOf, signedIn } from '../support/cascade-fixtures';
import { launchCampaign, metiStar3Ids, linkTokenOf } from '../support/campaign-fixtures';
import { countRows, corporateNumber, makeLink, makeOrg, makeUser, PASSWORD } from '../support/factories';
import { daysFromToday, testClock } from '../support/clock';
import { pollUntil } from '../support/poll';
import { startTestSmtp } from '../support/smtp';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';

type Mailer = Awaited<ReturnType<typeof startTestSmtp>>;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let seq = 0;
const address = (who: string) => `${who}-${++seq}-${randomBytes(4).toString('hex')}@mail.test`;

/**
 * The supplier access model over HTTP: an emailed link makes a guest of one assessment, never a member;
 * a buyer adding a registered 法人番号 learns nothing and reaches nothing until the supplier's admins accept.
 */
describe('supplier access: guests of one assessment, requests decided by the supplier', () => {
  let t: TestApp;
  let smtp: Mailer;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({
      ROLE: 'all',
      SMTP_URL: `smtp://127.0.0.1:${smtp.smtpPort}`,
      PUBLIC_URL: 'http://tierstar.test',
    });
  });
  afterAll(async () => {
    testClock(t).set(null);
    await t?.close();
    await smtp?.close();
  });

  // Delivery goes through BullMQ and SMTP: allow for a busy machine.
  const mailTo = (to: string, kind?: RegExp) =>
    pollUntil(
      () => Promise.resolve(smtp.messages.find((m) => m.to.includes(to) && (!kind || kind.test(m.subject)))),
      30_000,
    );
  const outboxTo = (to: string) => countRows(t.db, `mail_outbox WHERE to_email = '${to}'`);

  /**
   * A registered supplier with real data: its respondent answered another buyer's campaign (one gap), attached
   * evidence and submitted; that buyer returned it with a comment. `admin`: whether the supplier has an admin.
   */
  async function victim(opts: { admin: boolean }) {
    const supplier = await makeOrg(t.db, { name: '本物の部品株式会社' });
    const admin = opts.admin ? await signedIn(t, supplier, 'admin') : null;
    const respondent = await signedIn(t, supplier, 'respondent');
    const hidden = await makeOrg(t.db, { name: '秘密の二次取引先' });
    await makeLink(t.db, supplier, hidden, { discloseUpstream: true });
    const buyer = await makeOrg(t.db, { name: '正規の依頼元' });
    const procurement = await signedIn(t, buyer, 'procurement');
    await makeLink(t.db, buyer, supplier, { contactEmail: respondent.user.email });
    const campaignId = await launchCampaign(procurement.client, buyer.id);
    const assessmentId = await assessmentOf(t.db, campaignId, supplier.id);
    const ids = metiStar3Ids();
    const evidence = await respondent.client.agent
      .post(`/api/assessments/${assessmentId}/answers/${encodeURIComponent(ids[0]!)}/evidence`)
      .set('X-CSRF-Token', (await respondent.client.get('/api/auth/csrf')).body.token)
      .attach('file', PNG, 'secret.png')
      .expect(201);
    await answerAll(respondent.client, assessmentId, {
      ...Object.fromEntries(ids.map((id) => [id, 'met' as const])),
      [ids[1]!]: 'not_met',
    });
    await procurement.client
      .post(`/api/assessments/${assessmentId}/return`, {
        comments: [{ criterionId: ids[2]!, body: '社外秘のコメント' }],
      })
      .expect(204);
    const [item] = await t.db.query<{ id: string }[]>(
      'SELECT id FROM remediation_items WHERE assessment_id = $1',
      [assessmentId],
    );
    return {
      supplier,
      admin,
      respondent,
      buyer,
      procurement,
      assessmentId,
      evidenceId: evidence.body.id as string,
      itemId: item!.id,
    };
  }
  type Victim = Awaited<ReturnType<typeof victim>>;

  /** A stranger who just signed up: a buyer organization of its own with an admin. */
  async function stranger() {
    const org = await makeOrg(t.db, { name: '新規登録した会社' });
    const { client, user } = await signedIn(t, org, 'admin');
    return { org, client, user };
  }

  /** Every read and write of the victim's assessment, its evidence, review, consent and remediation: 404. */
  async function expectLockedOut(client: TestBrowser, v: Victim) {
    const a = `/api/assessments/${v.assessmentId}`;
    const criterion = encodeURIComponent(metiStar3Ids()[0]!);
    const probes: [string, PromiseLike<{ status: number }>][] = [
      ['read', client.get(a)],
      ['answer', client.put(`${a}/answers/${criterion}`, { value: 'not_met', baseVersion: 1 })],
      [
        'submit',
        client.post(`${a}/submit`, { declaration: { name: 'x', title: 'x', date: testClock(t).today() } }),
      ],
      ['evidence', client.get(`${a}/evidence/${v.evidenceId}`)],
      ['evidence delete', client.delete(`${a}/evidence/${v.evidenceId}`)],
      ['export', client.get(`${a}/export.xlsx`)],
      ['benchmark', client.get(`${a}/benchmark`)],
      ['reminders', client.get(`${a}/reminders`)],
      ['forwards', client.get(`${a}/forwards`)],
      ['consent', client.put(`${a}/consent`, { level: 'full' })],
      ['remediation', client.get(`/api/remediation/${v.itemId}`)],
      ['remediation edit', client.patch(`/api/remediation/${v.itemId}`, { plan: 'x', baseVersion: 1 })],
      ['org', client.get(`/api/orgs/${v.supplier.id}`)],
      ['members', client.get(`/api/orgs/${v.supplier.id}/members`)],
      ['network', client.get(`/api/orgs/${v.supplier.id}/network`)],
      ['requests', client.get(`/api/orgs/${v.supplier.id}/supplier-requests`)],
    ];
    for (const [what, probe] of probes) expect([what, (await probe).status]).toEqual([what, 404]);
    const mine = await client.get('/api/my/assessments').expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).not.toContain(v.assessmentId);
    const board = await client.get('/api/my/remediation').expect(200);
    expect(board.body.items.map((i: { id: string }) => i.id)).not.toContain(v.itemId);
    // Nothing changed.
    const [row] = await t.db.query<{ upstream_consent: string; value: string }[]>(
      `SELECT a.upstream_consent, x.value FROM assessments a
         JOIN assessment_answers x ON x.assessment_id = a.id AND x.criterion_id = $2
        WHERE a.id = $1`,
      [v.assessmentId, metiStar3Ids()[0]],
    );
    expect(row).toEqual({ upstream_consent: 'none', value: 'met' });
  }

  async function addAndLaunch(
    buyer: { org: Organization; client: TestBrowser },
    supplier: { name: string; corporateNumber: string; contactEmail: string },
  ) {
    const added = await buyer.client.post(`/api/orgs/${buyer.org.id}/suppliers`, supplier).expect(201);
    const campaignId = await launchCampaign(buyer.client, buyer.org.id, {
      selection: { supplierIds: [added.body.supplier.id] },
    });
    return { added: added.body, campaignId };
  }

  it('attack: a registered number with your own address as contact gets no link, no name, no data; the supplier is asked', async () => {
    const v = await victim({ admin: true });
    const x = await stranger();
    const contact = address('attacker');
    const { added, campaignId } = await addAndLaunch(x, {
      name: 'てきとうな名前',
      corporateNumber: v.supplier.corporateNumber!,
      contactEmail: contact,
    });
    expect(added.supplier).toEqual({
      id: expect.any(String),
      name: 'てきとうな名前',
      corporateNumber: v.supplier.corporateNumber,
    });
    expect(added.supplier.id).not.toBe(v.supplier.id);

    // What the buyer sees afterwards is still only what it typed: no name, no members, no Tier 2 links.
    const net = await x.client.get(`/api/orgs/${x.org.id}/network`).expect(200);
    expect(net.body.items.map((i: { supplier: { name: string } }) => i.supplier.name)).toEqual([
      'てきとうな名前',
    ]);
    const sup = await x.client.get(`/api/orgs/${x.org.id}/campaigns/${campaignId}/suppliers`).expect(200);
    expect(sup.body.items.map((i: { supplierName: string }) => i.supplierName)).toEqual(['てきとうな名前']);
    const campaign = await x.client.get(`/api/orgs/${x.org.id}/campaigns/${campaignId}`).expect(200);
    expect(campaign.body.statusCounts).toEqual({ invited: 1 });

    // No emailed link for the attacker's address; the supplier's admin hears of the request instead.
    expect(await outboxTo(contact)).toBe(0);
    await mailTo(v.admin!.user.email, /取引先登録の依頼/);
    await x.client.get(`/api/orgs/${x.org.id}/suppliers/${added.linkId}`).expect(200);

    await expectLockedOut(x.client, v);
    expect(await countRows(t.db, `memberships WHERE organization_id = '${v.supplier.id}'`)).toBe(2);
  });

  it('attack: where nobody can be asked, the emailed link opens only that one assessment, as a guest', async () => {
    const v = await victim({ admin: false });
    const x = await stranger();
    const contact = address('attacker');
    await addAndLaunch(x, {
      name: '偽名',
      corporateNumber: v.supplier.corporateNumber!,
      contactEmail: contact,
    });
    const mail = await mailTo(contact);
    const guest = await browser(t);
    const redeemed = await guest
      .post('/api/access-links/redeem', { token: await linkTokenOf(t, mail) })
      .expect(200);
    expect(redeemed.body.assessmentId).not.toBe(v.assessmentId);

    const me = await guest.get('/api/auth/me').expect(200);
    expect(me.body.memberships).toEqual([]);
    // Opening the link proved the mailbox: the account counts as verified (never as a member).
    const [verified] = await t.db.query<{ email_verified_at: Date | null }[]>(
      'SELECT email_verified_at FROM users WHERE email = $1',
      [contact],
    );
    expect(verified!.email_verified_at).toBeInstanceOf(Date);
    const mine = await guest.get('/api/my/assessments').expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([redeemed.body.assessmentId]);
    const own = await guest.get(`/api/assessments/${redeemed.body.assessmentId}`).expect(200);
    expect(own.body.viewerRoles).toEqual(['guest']);
    // The attacker's own assessment is of its own record, not the registered organization.
    expect(own.body.supplier.name).toBe('偽名');
    expect(own.body.supplier.id).not.toBe(v.supplier.id);
    // Nothing of the supplier's earlier answers is offered as a reuse suggestion.
    expect(own.body.suggestions).toEqual([]);

    await expectLockedOut(guest, v);
    await guest
      .post(`/api/orgs/${v.supplier.id}/invitations`, { email: address('friend'), role: 'admin' })
      .expect(404);
  });

  it('the supplier admin accepts: the contact gets the link, answers as a guest and the buyer then sees the supplier', async () => {
    const v = await victim({ admin: true });
    const b = await stranger();
    const contact = address('contact');
    const { added, campaignId } = await addAndLaunch(b, {
      name: 'ホンモノ部品',
      corporateNumber: v.supplier.corporateNumber!,
      contactEmail: contact,
    });
    expect(await outboxTo(contact)).toBe(0);

    // The supplier's admin sees the request with what the buyer typed and its questionnaire.
    const list = await v.admin!.client.get(`/api/orgs/${v.supplier.id}/supplier-requests`).expect(200);
    expect(list.body.items).toEqual([
      {
        id: added.linkId,
        buyer: { id: b.org.id, name: '新規登録した会社' },
        requestedName: 'ホンモノ部品',
        corporateNumber: v.supplier.corporateNumber,
        contactEmail: contact,
        requestedAt: expect.any(String),
        assessments: [
          { campaignTitle: expect.any(String), dueDate: daysFromToday(t, 365), status: 'invited' },
        ],
      },
    ]);
    // Nobody else decides: not its respondent, not the buyer, not another organization's admin.
    await v.respondent.client.get(`/api/orgs/${v.supplier.id}/supplier-requests`).expect(403);
    await v.respondent.client
      .post(`/api/orgs/${v.supplier.id}/supplier-requests/${added.linkId}/accept`, {})
      .expect(403);
    await b.client
      .post(`/api/orgs/${v.supplier.id}/supplier-requests/${added.linkId}/accept`, {})
      .expect(404);
    await b.client.post(`/api/orgs/${b.org.id}/supplier-requests/${added.linkId}/accept`, {}).expect(404);

    const accepted = await v
      .admin!.client.post(`/api/orgs/${v.supplier.id}/supplier-requests/${added.linkId}/accept`, {})
      .expect(200);
    expect(accepted.body).toEqual({ invitations: 1, contactEmail: contact });
    expect((await v.admin!.client.get(`/api/orgs/${v.supplier.id}/supplier-requests`)).body.items).toEqual(
      [],
    );
    await v
      .admin!.client.post(`/api/orgs/${v.supplier.id}/supplier-requests/${added.linkId}/accept`, {})
      .expect(404);

    // The buyer's record was folded into the supplier: same assessment, now the registered organization.
    const assessmentId = await assessmentOf(t.db, campaignId, v.supplier.id);
    expect(await countRows(t.db, `organizations WHERE id = '${added.supplier.id}'`)).toBe(0);
    const net = await b.client.get(`/api/orgs/${b.org.id}/network`).expect(200);
    expect(
      net.body.items.map((i: { tier: number; supplier: { name: string } }) => [i.tier, i.supplier.name]),
    ).toEqual([
      [1, '本物の部品株式会社'],
      [2, '秘密の二次取引先'],
    ]);

    const mail = await mailTo(contact);
    const guest = await browser(t);
    const redeemed = await guest
      .post('/api/access-links/redeem', { token: await linkTokenOf(t, mail) })
      .expect(200);
    expect(redeemed.body.assessmentId).toBe(assessmentId);
    // Reuse suggestions come from the supplier's earlier answers to another buyer: its members get them, the
    // guest (who may not read that assessment) does not.
    const asGuest = await guest.get(`/api/assessments/${assessmentId}`).expect(200);
    expect([asGuest.body.viewerRoles, asGuest.body.suggestions]).toEqual([['guest'], []]);
    const asMember = await v.respondent.client.get(`/api/assessments/${assessmentId}`).expect(200);
    expect(asMember.body.suggestions.length).toBeGreaterThan(0);
    await answerAll(
      guest,
      assessmentId,
      Object.fromEntries(metiStar3Ids().map((id) => [id, 'met' as const])),
    );
    const seen = await b.client.get(`/api/assessments/${assessmentId}`).expect(200);
    expect([seen.body.status, seen.body.supplier.name]).toEqual(['submitted', '本物の部品株式会社']);
    // The supplier's own members see it among theirs; the guest still sees only this one.
    const theirs = await v.respondent.client.get('/api/my/assessments').expect(200);
    expect(theirs.body.items.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([assessmentId, v.assessmentId]),
    );
    const guestList = await guest.get('/api/my/assessments').expect(200);
    expect(guestList.body.items.map((i: { id: string }) => i.id)).toEqual([assessmentId]);
    await expectLockedOut(guest, v);
  });

  it('the supplier admin names its own contact, or declines and nothing is sent (the buyer sees no difference)', async () => {
    const v = await victim({ admin: true });
    const b1 = await stranger();
    const theirs = address('buyer-pick');
    const own = address('supplier-pick');
    const r1 = await addAndLaunch(b1, {
      name: '部品A',
      corporateNumber: v.supplier.corporateNumber!,
      contactEmail: theirs,
    });
    const named = await v
      .admin!.client.post(`/api/orgs/${v.supplier.id}/supplier-requests/${r1.added.linkId}/accept`, {
        contactEmail: own.toUpperCase(),
      })
      .expect(200);
    expect(named.body).toEqual({ invitations: 1, contactEmail: own });
    await mailTo(own);
    expect(await outboxTo(theirs)).toBe(0);
    const link = await b1.client.get(`/api/orgs/${b1.org.id}/suppliers/${r1.added.linkId}`).expect(200);
    expect(link.body.contactEmail).toBe(own);

    const b2 = await stranger();
    const contact = address('declined');
    const r2 = await addAndLaunch(b2, {
      name: '部品B',
      corporateNumber: v.supplier.corporateNumber!,
      contactEmail: contact,
    });
    const before = (await b2.client.get(`/api/orgs/${b2.org.id}/suppliers/${r2.added.linkId}`)).body;
    await v
      .admin!.client.post(`/api/orgs/${v.supplier.id}/supplier-requests/${r2.added.linkId}/decline`)
      .expect(200);
    const after = (await b2.client.get(`/api/orgs/${b2.org.id}/suppliers/${r2.added.linkId}`)).body;
    expect(after).toEqual(before);
    expect((await v.admin!.client.get(`/api/orgs/${v.supplier.id}/supplier-requests`)).body.items).toEqual(
      [],
    );
    await v
      .admin!.client.post(`/api/orgs/${v.supplier.id}/supplier-requests/${r2.added.linkId}/accept`, {})
      .expect(404);
    expect(await outboxTo(contact)).toBe(0);
  });

  it('a number nobody holds yet: a new organization, its first contact a guest only (no admin rights)', async () => {
    const b = await stranger();
    const contact = address('first');
    const number = corporateNumber();
    const { added } = await addAndLaunch(b, {
      name: 'はじめて部品',
      corporateNumber: number,
      contactEmail: contact,
    });
    const guest = await browser(t);
    await guest
      .post('/api/access-links/redeem', { token: await linkTokenOf(t, await mailTo(contact)) })
      .expect(200);
    const me = await guest.get('/api/auth/me').expect(200);
    expect(me.body.memberships).toEqual([]);
    await guest.get(`/api/orgs/${added.supplier.id}`).expect(404);
    await guest.get(`/api/orgs/${added.supplier.id}/supplier-requests`).expect(404);
    await guest
      .post(`/api/orgs/${added.supplier.id}/invitations`, { email: address('me'), role: 'admin' })
      .expect(404);
    expect(await countRows(t.db, `memberships WHERE organization_id = '${added.supplier.id}'`)).toBe(0);
  });

  it('a first admin only by an operator after a verified claim; then the first buyer waits for that admin too', async () => {
    const a = await stranger();
    const number = corporateNumber();
    const contact = address('early');
    const { added } = await addAndLaunch(a, {
      name: '先に登録',
      corporateNumber: number,
      contactEmail: contact,
    });
    const guest = await browser(t);
    await guest
      .post('/api/access-links/redeem', { token: await linkTokenOf(t, await mailTo(contact)) })
      .expect(200);
    const guestUser = await t.db.query<{ id: string }[]>('SELECT id FROM users WHERE email = $1', [contact]);

    // The operator grants it to a verified person (here: the guest); a second grant is refused.
    const granted = await grantFirstAdmin(t.db, { corporateNumber: number, email: contact.toUpperCase() });
    expect(granted).toEqual({
      organizationId: added.supplier.id,
      userId: guestUser[0]!.id,
      pendingRequests: 1,
    });
    await expect(grantFirstAdmin(t.db, { corporateNumber: number, email: contact })).rejects.toThrow(
      FirstAdminRefused,
    );
    await expect(
      grantFirstAdmin(t.db, { corporateNumber: corporateNumber(), email: contact }),
    ).rejects.toThrow(FirstAdminRefused);

    // The organization's own supplier, disclosed upstream, stays hidden from the buyer it has not accepted.
    const own = await makeOrg(t.db, { name: '自社の仕入先' });
    await makeLink(t.db, { id: added.supplier.id } as Organization, own, { discloseUpstream: true });
    const tiers = async () =>
      (await a.client.get(`/api/orgs/${a.org.id}/network`).expect(200)).body.items.map(
        (i: { tier: number }) => i.tier,
      );
    expect(await tiers()).toEqual([1]);

    // The first buyer's request now waits for that admin: its next questionnaire sends no link.
    const requests = await guest.get(`/api/orgs/${added.supplier.id}/supplier-requests`).expect(200);
    expect(requests.body.items.map((r: { id: string }) => r.id)).toEqual([added.linkId]);
    const before = await outboxTo(contact);
    const next = await launchCampaign(a.client, a.org.id, {
      selection: { supplierIds: [added.supplier.id] },
    });
    expect(await outboxTo(contact)).toBe(before);
    const accepted = await guest
      .post(`/api/orgs/${added.supplier.id}/supplier-requests/${added.linkId}/accept`, {})
      .expect(200);
    expect(accepted.body.invitations).toBe(1);
    const waited = await assessmentOf(t.db, next, added.supplier.id);
    await pollUntil(async () =>
      (await countRows(t.db, `mail_outbox WHERE assessment_id = '${waited}' AND to_email = '${contact}'`)) ===
      1
        ? true
        : null,
    );
    expect(await tiers()).toEqual([1, 2]);
  });

  it("buyer-side respondents cannot read suppliers' assessments, evidence, review, remediation or insights", async () => {
    const v = await victim({ admin: false });
    const insider = await signedIn(t, v.buyer, 'respondent');
    await expectLockedOut(insider.client, v);
    for (const path of [
      `/api/orgs/${v.buyer.id}/insights/heatmap`,
      `/api/orgs/${v.buyer.id}/insights/suppliers`,
      `/api/orgs/${v.buyer.id}/insights/suppliers/${v.supplier.id}`,
      `/api/orgs/${v.buyer.id}/remediation`,
      `/api/orgs/${v.buyer.id}/campaigns`,
      `/api/orgs/${v.buyer.id}/network`,
    ]) {
      const res = await insider.client.get(path);
      expect([path, res.status]).toEqual([path, 403]);
    }
    // Its procurement colleague still reads everything.
    await v.procurement.client.get(`/api/assessments/${v.assessmentId}`).expect(200);
    await v.procurement.client.get(`/api/remediation/${v.itemId}`).expect(200);
  });

  it('a link opened while someone else is signed in asks first; the same person just continues', async () => {
    const b = await stranger();
    const contact = address('switch');
    await addAndLaunch(b, { name: '切替部品', corporateNumber: corporateNumber(), contactEmail: contact });
    const token = await linkTokenOf(t, await mailTo(contact));

    const asked = await b.client.post('/api/access-links/redeem', { token }).expect(409);
    expect(asked.body).toMatchObject({
      code: 'ACCESS_LINK_OTHER_ACCOUNT',
      linkEmail: contact,
      currentEmail: b.user.email,
    });
    // Still signed in as before, and the link still works.
    expect((await b.client.get('/api/auth/me').expect(200)).body.user.email).toBe(b.user.email);
    const switched = await b.client
      .post('/api/access-links/redeem', { token, switchAccount: true })
      .expect(200);
    expect((await b.client.get('/api/auth/me').expect(200)).body.user.email).toBe(contact);
    const [{ n }] = await t.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL',
      [b.user.id],
    );
    expect(n).toBe(0);

    // The same person opening the next link on that browser is not asked.
    await t.db.query('UPDATE assessment_access_tokens SET used_at = NULL WHERE assessment_id = $1', [
      switched.body.assessmentId,
    ]);
    await b.client.post('/api/access-links/redeem', { token }).expect(200);
  });

  it('an emailed link lives at most 30 days, however far the due date', async () => {
    const clock = testClock(t);
    const now = clock.now();
    clock.set(now);
    try {
      const b = await stranger();
      const contact = address('expiry');
      await addAndLaunch(b, { name: '期限部品', corporateNumber: corporateNumber(), contactEmail: contact });
      const mail = await mailTo(contact);
      const [row] = await t.db.query<{ expires_at: Date; created_at: Date }[]>(
        `SELECT t.expires_at, t.created_at FROM assessment_access_tokens t
          WHERE t.email = $1`,
        [contact],
      );
      const lastDay = addCalendarDays(tokyoDate(now), ACCESS_LINK_MAX_DAYS - 1);
      expect(row!.created_at.toISOString()).toBe(now.toISOString());
      expect(row!.expires_at.getTime() - now.getTime()).toBeLessThanOrEqual(
        ACCESS_LINK_MAX_DAYS * 86_400_000,
      );
      expect(tokyoDate(new Date(row!.expires_at.getTime() - 1))).toBe(lastDay);
      const [y, m, d] = lastDay.split('-').map(Number);
      expect(mail.text).toContain(`${y}年${m}月${d}日`);

      // The 31st day, the link no longer works.
      clock.set(new Date(row!.expires_at.getTime() + 1));
      const late = await (
        await browser(t)
      )
        .post('/api/access-links/redeem', { token: await linkTokenOf(t, mail) })
        .expect(410);
      expect(late.body.code).toBe('ACCESS_LINK_INVALID');
    } finally {
      clock.set(null);
    }
  });

  it("the supplier's own members still see all its assessments; someone with no relation sees none", async () => {
    const v = await victim({ admin: true });
    const mine = await v.respondent.client.get('/api/my/assessments').expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([v.assessmentId]);
    await v.respondent.client.get(`/api/assessments/${v.assessmentId}`).expect(200);
    const u = await makeUser(t.db, null);
    const outsider = await (await browser(t)).login(u.email, PASSWORD);
    await expectLockedOut(outsider, v);
  });
});
