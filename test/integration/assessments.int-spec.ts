import { getCatalogue } from '@tierstar/guidelines';
import { scoreLevels, type AnswerValue } from '@tierstar/scoring';
import {
  launchCampaign,
  makeNetwork,
  metiStar3Ids,
  metiStar3NaAllowedId,
  metiStar4OnlyId,
  linkTokenOf,
} from '../support/campaign-fixtures';
import { countRows, makeOrg, makeUser, PASSWORD } from '../support/factories';
import { pollUntil } from '../support/poll';
import { startTestSmtp } from '../support/smtp';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';
import { daysFromToday, testClock } from '../support/clock';

type Mailer = Awaited<ReturnType<typeof startTestSmtp>>;

describe('campaigns, invitations, answering, submission and review', () => {
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
    await t?.close();
    await smtp?.close();
  });
  beforeEach(() => smtp.clear());

  /** Waits for one email to each address (other tests' late notifications may arrive in between). */
  async function mailsTo(addresses: string[]) {
    return pollUntil(() => {
      const found = addresses.map((a) => smtp.messages.find((m) => m.to.includes(a)));
      return Promise.resolve(found.every(Boolean) ? found.map((m) => m!) : null);
    });
  }

  /** Launches to `n` suppliers and signs each contact in through its emailed link. */
  async function launched(n: number) {
    const net = await makeNetwork(t.db, n);
    const buyer = await (await browser(t)).login(net.procurement.email, PASSWORD);
    const campaignId = await launchCampaign(buyer, net.buyer.id);
    const mails = await mailsTo(net.suppliers.map((s) => s.contactEmail));
    const suppliers: { client: TestBrowser; assessmentId: string; email: string }[] = [];
    for (const s of net.suppliers) {
      const mail = mails.find((m) => m.to.includes(s.contactEmail))!;
      const client = await browser(t);
      const res = await client
        .post('/api/access-links/redeem', { token: await linkTokenOf(t, mail) })
        .expect(200);
      suppliers.push({
        client,
        assessmentId: (res.body as { assessmentId: string }).assessmentId,
        email: s.contactEmail,
      });
    }
    return { net, buyer, campaignId, suppliers, mails };
  }

  it('launch creates one assessment per supplier and sends exactly one invitation each, with a working link', async () => {
    const { net, suppliers, mails } = await launched(3);
    expect(mails).toHaveLength(3);
    expect(
      mails
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual(net.suppliers.map((s) => s.contactEmail).sort());
    for (const m of mails) {
      expect(m.text).toContain('http://tierstar.test/respond#token=');
      expect(m.html).toContain('&lt;script&gt;');
      expect(m.html).not.toContain('<script>');
    }
    const [row] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM assessments a JOIN campaigns c ON c.id = a.campaign_id WHERE c.buyer_id = $1`,
      [net.buyer.id],
    );
    expect(row!.n).toBe(3);
    // The link signed the contact in: the assessment opens.
    const detail = await suppliers[0]!.client
      .get(`/api/assessments/${suppliers[0]!.assessmentId}`)
      .expect(200);
    expect(detail.body.catalogue.criteria).toHaveLength(metiStar3Ids().length);
    expect(detail.body.targetLevel).toBe(3);
    // Nothing more arrives (no duplicate sends from the sweeper or retries).
    await pollUntil(async () => (await countRows(t.db, `mail_outbox WHERE status = 'pending'`)) === 0);
    for (const s of net.suppliers) {
      expect(smtp.messages.filter((m) => m.to.includes(s.contactEmail))).toHaveLength(1);
    }
  });

  it('a used, superseded or expired link is refused', async () => {
    const net = await makeNetwork(t.db, 1);
    const buyer = await (await browser(t)).login(net.procurement.email, PASSWORD);
    await launchCampaign(buyer, net.buyer.id);
    const [mail] = await mailsTo([net.suppliers[0]!.contactEmail]);
    const token = await linkTokenOf(t, mail!);
    const first = await browser(t);
    await first.post('/api/access-links/redeem', { token }).expect(200);
    const again = await (await browser(t)).post('/api/access-links/redeem', { token }).expect(410);
    expect(again.body.code).toBe('ACCESS_LINK_INVALID');
    await (await browser(t)).post('/api/access-links/redeem', { token: 'x'.repeat(43) }).expect(410);

    // An expired one.
    const net2 = await makeNetwork(t.db, 1);
    const buyer2 = await (await browser(t)).login(net2.procurement.email, PASSWORD);
    await launchCampaign(buyer2, net2.buyer.id);
    const [mail2] = await mailsTo([net2.suppliers[0]!.contactEmail]);
    await t.db.query(
      `UPDATE assessment_access_tokens SET expires_at = $2::timestamptz - interval '1 second'
        WHERE email = $1`,
      [net2.suppliers[0]!.contactEmail, testClock(t).now()],
    );
    await (
      await browser(t)
    )
      .post('/api/access-links/redeem', { token: await linkTokenOf(t, mail2!) })
      .expect(410);
  });

  it('tenants are isolated: other suppliers and strangers get 404', async () => {
    const { suppliers } = await launched(2);
    const [a, b] = suppliers;
    await a!.client.get(`/api/assessments/${b!.assessmentId}`).expect(404);
    await a!.client
      .put(`/api/assessments/${b!.assessmentId}/answers/${metiStar3Ids()[0]}`, {
        value: 'met',
        baseVersion: 0,
      })
      .expect(404);
    const stranger = await makeUser(t.db, await makeOrg(t.db), 'admin');
    const s = await (await browser(t)).login(stranger.email, PASSWORD);
    await s.get(`/api/assessments/${a!.assessmentId}`).expect(404);
    await s.get('/api/assessments/not-a-uuid').expect(404);
    expect((await s.get('/api/my/assessments').expect(200)).body.items).toHaveLength(0);
  });

  it('autosave: versions, conflicts with the current value, no lost answers, bad input changes nothing', async () => {
    const { suppliers } = await launched(1);
    const { client, assessmentId } = suppliers[0]!;
    const id = metiStar3Ids()[0]!;
    const url = `/api/assessments/${assessmentId}/answers/${encodeURIComponent(id)}`;
    const first = await client.put(url, { value: 'partial', note: '一部のみ', baseVersion: 0 }).expect(200);
    expect(first.body.answer.version).toBe(1);
    expect(first.body.status).toBe('in_progress');

    // Two tabs saving on the same version at once: exactly one wins, the other sees the winner.
    const results = await Promise.all([
      client.put(url, { value: 'met', note: 'tab A', baseVersion: 1 }),
      client.put(url, { value: 'not_met', note: 'tab B', baseVersion: 1 }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.code).toBe('ANSWER_CONFLICT');
    expect(loser.body.current).toMatchObject({ version: 2, note: winner.body.answer.note });
    const revisions = await t.db.query(
      'SELECT version, note FROM answer_revisions WHERE assessment_id = $1 AND criterion_id = $2 ORDER BY version',
      [assessmentId, id],
    );
    expect(revisions.map((r: { note: string }) => r.note)).toEqual(['一部のみ', winner.body.answer.note]);

    const before = await countRows(t.db, 'answer_revisions');
    const outside = await client.put(`/api/assessments/${assessmentId}/answers/${metiStar4OnlyId()}`, {
      value: 'met',
      baseVersion: 0,
    });
    expect([outside.status, outside.body.code]).toEqual([422, 'CRITERION_NOT_IN_ASSESSMENT']);
    const unknown = await client.put(`/api/assessments/${assessmentId}/answers/9-9-9-9`, {
      value: 'met',
      baseVersion: 0,
    });
    expect(unknown.status).toBe(422);
    const na = await client.put(url, { value: 'not_applicable', baseVersion: 2 });
    expect([na.status, na.body.code]).toEqual([400, 'NA_REASON_REQUIRED']);
    const bad = await client.put(url, { value: 'maybe', baseVersion: 2 });
    expect(bad.status).toBe(400);
    expect(await countRows(t.db, 'answer_revisions')).toBe(before);
  });

  it('submit, return with a comment, resubmit, accept; rounds kept; snapshot matches an independent score', async () => {
    const { buyer, suppliers, net } = await launched(1);
    const { client, assessmentId } = suppliers[0]!;
    const ids = metiStar3Ids();
    const early = await client.post(`/api/assessments/${assessmentId}/submit`, {
      declaration: { name: '山田 太郎', title: '代表取締役', date: '2026-11-24' },
    });
    expect([early.status, early.body.code]).toEqual([422, 'ANSWERS_MISSING']);

    const values: Record<string, AnswerValue> = {};
    // One gap, and one "not applicable" where the criterion allows it (with a reason).
    const naId = metiStar3NaAllowedId();
    for (const [i, id] of ids.entries()) {
      const value: AnswerValue = i === 5 ? 'not_met' : id === naId ? 'not_applicable' : 'met';
      values[id] = value;
      await client
        .put(`/api/assessments/${assessmentId}/answers/${encodeURIComponent(id)}`, {
          value,
          baseVersion: 0,
          ...(value === 'not_applicable' ? { naReason: '該当する設備がない' } : {}),
        })
        .expect(200);
    }
    const meti = getCatalogue('meti-scs')!;
    const independent = scoreLevels(meti, values, { target: 3, naReasons: { [naId]: '該当する設備がない' } });
    const [snap] = await t.db.query(
      'SELECT level, met, applicable, gaps FROM score_snapshots WHERE assessment_id = $1',
      [assessmentId],
    );
    expect(snap).toEqual({
      level: independent.level,
      met: ids.length - 2,
      applicable: ids.length - 1,
      gaps: independent.gaps,
    });
    expect(snap.level).toBeNull();

    await client
      .post(`/api/assessments/${assessmentId}/submit`, {
        declaration: { name: '山田 太郎', title: '代表取締役', date: '2026-11-24' },
      })
      .expect(204);
    const locked = await client.put(
      `/api/assessments/${assessmentId}/answers/${encodeURIComponent(ids[0]!)}`,
      { value: 'met', baseVersion: 1 },
    );
    expect([locked.status, locked.body.code]).toEqual([409, 'ASSESSMENT_LOCKED']);
    const [toBuyer] = await mailsTo([net.procurement.email]);
    expect(toBuyer!.text).toContain(`http://tierstar.test/assessments/${assessmentId}`);

    // The supplier cannot review itself; the buyer returns one criterion.
    await client.post(`/api/assessments/${assessmentId}/accept`, {}).expect(403);
    await buyer
      .post(`/api/assessments/${assessmentId}/return`, {
        comments: [{ criterionId: ids[5], body: '証跡を添付してください <b>' }],
      })
      .expect(204);
    const seen = await client.get(`/api/assessments/${assessmentId}`).expect(200);
    expect(seen.body.status).toBe('returned');
    expect(seen.body.comments).toEqual([
      expect.objectContaining({ round: 1, criterionId: ids[5], body: '証跡を添付してください <b>' }),
    ]);

    const fixed = await client
      .put(`/api/assessments/${assessmentId}/answers/${encodeURIComponent(ids[5]!)}`, {
        value: 'met',
        baseVersion: 1,
      })
      .expect(200);
    expect(fixed.body.score.level).toBe(3);
    await client
      .post(`/api/assessments/${assessmentId}/submit`, {
        declaration: { name: '山田 太郎', title: '代表取締役', date: '2026-11-25' },
      })
      .expect(204);
    await buyer
      .post(`/api/assessments/${assessmentId}/accept`, { message: 'ありがとうございました' })
      .expect(204);
    const done = await buyer.get(`/api/assessments/${assessmentId}`).expect(200);
    expect(done.body.status).toBe('accepted');
    expect(
      done.body.submissions.map((s: { round: number; outcome: string }) => [s.round, s.outcome]),
    ).toEqual([
      [1, 'returned'],
      [2, 'accepted'],
    ]);
    expect(done.body.submissions[1].level).toBe(3);
    const frozen = await t.db.query(
      `SELECT answers FROM assessment_submissions WHERE assessment_id = $1 AND round = 1`,
      [assessmentId],
    );
    expect(frozen[0].answers.find((a: { criterionId: string }) => a.criterionId === ids[5]).value).toBe(
      'not_met',
    );
  });

  it('an evaluator confirms criterion by criterion; confirmed level is kept apart from the claimed one', async () => {
    const { buyer, suppliers, net } = await launched(1);
    const { client, assessmentId } = suppliers[0]!;
    const ids = metiStar3Ids();
    for (const id of ids) {
      await client
        .put(`/api/assessments/${assessmentId}/answers/${encodeURIComponent(id)}`, {
          value: 'met',
          baseVersion: 0,
        })
        .expect(200);
    }
    await client
      .post(`/api/assessments/${assessmentId}/submit`, {
        declaration: { name: '山田', title: '社長', date: '2026-11-24' },
      })
      .expect(204);
    const evaluator = await makeUser(t.db, net.buyer, 'evaluator');
    const notEvaluator = await makeUser(t.db, net.buyer, 'procurement');
    const bad = await buyer.put(`/api/assessments/${assessmentId}/evaluator`, { userId: notEvaluator.id });
    expect([bad.status, bad.body.code]).toEqual([422, 'EVALUATOR_INVALID']);
    await buyer.put(`/api/assessments/${assessmentId}/evaluator`, { userId: evaluator.id }).expect(204);
    const ev = await (await browser(t)).login(evaluator.email, PASSWORD);
    for (const id of ids.slice(0, -1)) {
      await ev
        .put(`/api/assessments/${assessmentId}/confirmations/${encodeURIComponent(id)}`, {
          result: 'confirmed',
        })
        .expect(204);
    }
    let view = await buyer.get(`/api/assessments/${assessmentId}`).expect(200);
    expect([view.body.score.level, view.body.score.confirmedLevel]).toEqual([3, null]);
    await ev
      .put(`/api/assessments/${assessmentId}/confirmations/${encodeURIComponent(ids.at(-1)!)}`, {
        result: 'confirmed',
      })
      .expect(204);
    view = await buyer.get(`/api/assessments/${assessmentId}`).expect(200);
    expect([view.body.score.level, view.body.score.confirmedLevel]).toEqual([3, 3]);
    // Only the assigned evaluator may confirm.
    await buyer
      .put(`/api/assessments/${assessmentId}/confirmations/${encodeURIComponent(ids[0]!)}`, {
        result: 'rejected',
      })
      .expect(403);
  });

  it('prefill: answers given before are offered as reused (same catalogue, and through the crosswalk), never counted until confirmed', async () => {
    const { buyer, suppliers, net } = await launched(1);
    const { client, assessmentId } = suppliers[0]!;
    const ids = metiStar3Ids();
    for (const id of ids) {
      await client
        .put(`/api/assessments/${assessmentId}/answers/${encodeURIComponent(id)}`, {
          value: 'met',
          note: '前回のメモ',
          baseVersion: 0,
        })
        .expect(200);
    }
    await client
      .post(`/api/assessments/${assessmentId}/submit`, {
        declaration: { name: '山田', title: '社長', date: '2026-11-24' },
      })
      .expect(204);

    // Each new campaign's emailed link makes the same person a guest of that assessment too.
    const contact = net.suppliers[0]!.contactEmail;
    const next = async (overrides: Record<string, unknown>) => {
      const before = smtp.messages.filter((m) => m.to.includes(contact)).length;
      await launchCampaign(buyer, net.buyer.id, overrides);
      const mail = await pollUntil(() => {
        const to = smtp.messages.filter((m) => m.to.includes(contact));
        return Promise.resolve(to.length > before ? to.at(-1)! : null);
      }, 30_000);
      const redeemed = await client
        .post('/api/access-links/redeem', { token: await linkTokenOf(t, mail) })
        .expect(200);
      return (await client.get(`/api/assessments/${redeemed.body.assessmentId}`).expect(200)).body;
    };

    const same = await next({});
    expect(same.suggestions).toHaveLength(ids.length);
    expect(same.suggestions[0]).toMatchObject({
      value: 'met',
      note: '前回のメモ',
      source: `assessment:${assessmentId}`,
    });
    expect(same.answers).toHaveLength(0);
    expect(same.score.answered).toBe(0);
    const confirmed = await client
      .put(`/api/assessments/${same.id}/answers/${encodeURIComponent(ids[0]!)}`, {
        value: 'met',
        note: '前回のメモ',
        baseVersion: 0,
        fromPrefill: true,
      })
      .expect(200);
    expect(confirmed.body.answer.provenance).toBe('prefill');
    const after = await client.get(`/api/assessments/${same.id}`).expect(200);
    expect(after.body.suggestions).toHaveLength(ids.length - 1);

    // Another catalogue: the official METI ↔ JAMA citations only overlap (intersect), so an earlier METI "met"
    // implies nothing for a JAMA item and nothing is pre-selected through them.
    const jama = await next({ catalogueId: 'jama-japia' });
    expect(jama.suggestions).toEqual([]);
  });

  it('the contact is a guest of its assessment only: it cannot invite anyone into the supplier, its admin can', async () => {
    const { suppliers, net } = await launched(1);
    const { client, assessmentId } = suppliers[0]!;
    const org = net.suppliers[0]!.org;
    const me = await client.get('/api/auth/me').expect(200);
    expect(me.body.memberships).toEqual([]);
    for (const role of ['respondent', 'admin']) {
      await client.post(`/api/orgs/${org.id}/invitations`, { email: 'x@supplier.test', role }).expect(404);
    }
    // A respondent member cannot grant membership either: only admins do.
    const respondent = await makeUser(t.db, org, 'respondent');
    const rb = await (await browser(t)).login(respondent.email, PASSWORD);
    const denied = await rb.post(`/api/orgs/${org.id}/invitations`, {
      email: 'Colleague@Supplier.test',
      role: 'respondent',
    });
    expect([denied.status, denied.body.code]).toEqual([403, 'ROLE_REQUIRED']);
    expect(await countRows(t.db, `invitations WHERE organization_id = '${org.id}'`)).toBe(0);

    const admin = await makeUser(t.db, org, 'admin');
    const ab = await (await browser(t)).login(admin.email, PASSWORD);
    await ab
      .post(`/api/orgs/${org.id}/invitations`, { email: 'Colleague@Supplier.test', role: 'respondent' })
      .expect(201);
    const [mail] = await mailsTo(['colleague@supplier.test']);
    const token = /\/invitations\/accept#token=([\w-]{43})/.exec(mail!.text)?.[1];
    expect(token).toBeDefined();
    const colleague = await browser(t);
    await colleague
      .post('/api/invitations/accept', { token, name: '佐藤 花子', password: 'a-long-password-1' })
      .expect(200);
    const view = await colleague.get(`/api/assessments/${assessmentId}`).expect(200);
    expect(view.body.viewerRoles).toEqual(['supplier']);
    const asGuest = await client.get(`/api/assessments/${assessmentId}`).expect(200);
    expect(asGuest.body.viewerRoles).toEqual(['guest']);
  });

  it('campaign drafts: triage suggests ★4, targets must be catalogue levels, launch needs contacts', async () => {
    const net = await makeNetwork(t.db, 2);
    const buyer = await (await browser(t)).login(net.procurement.email, PASSWORD);
    const created = await buyer
      .post(`/api/orgs/${net.buyer.id}/campaigns`, {
        title: 'draft',
        catalogueId: 'meti-scs',
        dueDate: daysFromToday(t, 60),
        selection: { tags: ['even'] },
      })
      .expect(201);
    expect(created.body.supplierCount).toBe(1);
    const cid = created.body.id as string;
    const supplierId = net.suppliers[0]!.org.id;
    const triaged = await buyer
      .patch(`/api/orgs/${net.buyer.id}/campaigns/${cid}/suppliers/${supplierId}`, {
        triage: { confidential: false, continuity: true, networkAccess: false },
      })
      .expect(200);
    expect([triaged.body.suggestedLevel, triaged.body.targetLevel]).toEqual([4, 4]);
    const overridden = await buyer
      .patch(`/api/orgs/${net.buyer.id}/campaigns/${cid}/suppliers/${supplierId}`, { targetLevel: 3 })
      .expect(200);
    expect([overridden.body.suggestedLevel, overridden.body.targetLevel]).toEqual([4, 3]);
    const wrong = await buyer.patch(`/api/orgs/${net.buyer.id}/campaigns/${cid}/suppliers/${supplierId}`, {
      targetLevel: 2,
    });
    expect(wrong.status).toBe(400);
    const past = await buyer.post(`/api/orgs/${net.buyer.id}/campaigns`, {
      title: 'x',
      catalogueId: 'meti-scs',
      dueDate: '2001-01-01',
      selection: { tiers: [1] },
    });
    expect(past.status).toBe(400);
    const none = await buyer.post(`/api/orgs/${net.buyer.id}/campaigns`, {
      title: 'x',
      catalogueId: 'meti-scs',
      dueDate: daysFromToday(t, 30),
      selection: { tags: ['nobody'] },
    });
    expect([none.status, none.body.code]).toEqual([422, 'NO_SUPPLIERS_SELECTED']);

    await t.db.query('UPDATE campaign_suppliers SET contact_email = NULL WHERE campaign_id = $1', [cid]);
    const before = await countRows(t.db, 'assessments');
    const noContact = await buyer.post(`/api/orgs/${net.buyer.id}/campaigns/${cid}/launch`);
    expect([noContact.status, noContact.body.code]).toEqual([422, 'CONTACT_EMAIL_MISSING']);
    expect(await countRows(t.db, 'assessments')).toBe(before);

    // The contact can be fixed on the draft; then launch works and the list filters by status.
    await buyer
      .patch(`/api/orgs/${net.buyer.id}/campaigns/${cid}/suppliers/${supplierId}`, {
        contactEmail: 'Fixed@Supplier.test',
      })
      .expect(200);
    await buyer.post(`/api/orgs/${net.buyer.id}/campaigns/${cid}/launch`).expect(200);
    await mailsTo(['fixed@supplier.test']);
    const invited = await buyer
      .get(`/api/orgs/${net.buyer.id}/campaigns/${cid}/suppliers?status=invited`)
      .expect(200);
    expect([invited.body.total, invited.body.items.length]).toEqual([1, 1]);
    const accepted = await buyer
      .get(`/api/orgs/${net.buyer.id}/campaigns/${cid}/suppliers?status=accepted`)
      .expect(200);
    expect([accepted.body.total, accepted.body.items.length]).toEqual([0, 0]);
  });
});
