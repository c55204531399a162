import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Clock } from '../../apps/api/src/common/clock';
import { MailDeliveryService } from '../../apps/api/src/outbox/mail-delivery.service';
import { JOB, QUEUE } from '../../apps/api/src/queues/queues';
import { addCalendarDays, tokyoInstant } from '../../apps/api/src/reminders/calendar/business-calendar';
import {
  DEFAULT_REMINDER_POLICY,
  questionnaireReminders,
} from '../../apps/api/src/reminders/calendar/reminder-policy';
import { ReminderPlannerService } from '../../apps/api/src/reminders/reminder-planner.service';
import { launchCampaign, makeNetwork, type Network, linkTokenOf } from '../support/campaign-fixtures';
import { makeOrg, makeUser, PASSWORD } from '../support/factories';
import { pollUntil } from '../support/poll';
import { startTestSmtp } from '../support/smtp';
import { browser, createTestApp, type TestApp, type TestBrowser } from '../support/test-app';

type Mailer = Awaited<ReturnType<typeof startTestSmtp>>;

interface OutboxRow {
  id: string;
  dedupe_key: string;
  kind: string;
  to_email: string;
  locale: string;
  available_at: Date;
  status: string;
  payload: { accessLink?: boolean; data?: Record<string, unknown> };
}

/** `hour`:`minute` Tokyo time on a Tokyo day. */
const jst = (date: string, hour: number, minute = 0) =>
  new Date(tokyoInstant(date, hour).getTime() + minute * 60_000);

describe('reminders, escalation and the weekly digest', () => {
  let t: TestApp;
  let smtp: Mailer;
  let clock: Clock;
  let planner: ReminderPlannerService;
  let delivery: MailDeliveryService;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({
      ROLE: 'all',
      SMTP_URL: `smtp://127.0.0.1:${smtp.smtpPort}`,
      PUBLIC_URL: 'http://tierstar.test',
    });
    clock = t.app.get(Clock);
    planner = t.app.get(ReminderPlannerService);
    delivery = t.app.get(MailDeliveryService);
  });
  afterAll(async () => {
    clock?.set(null);
    await t?.close();
    await smtp?.close();
  });

  interface Launched {
    net: Network;
    buyer: TestBrowser;
    campaignId: string;
    assessmentIds: string[];
    contacts: string[];
  }

  /** A launched campaign whose due date is then moved (launch only accepts dates from today on). */
  async function launched(n: number, dueDate: string): Promise<Launched> {
    const net = await makeNetwork(t.db, n);
    const buyer = await (await browser(t)).login(net.procurement.email, PASSWORD);
    const campaignId = await launchCampaign(buyer, net.buyer.id);
    await t.db.query(`UPDATE campaigns SET due_date = $2 WHERE id = $1`, [campaignId, dueDate]);
    const rows = await t.db.query<{ id: string; contact_email: string }[]>(
      `SELECT id, contact_email FROM assessments WHERE campaign_id = $1 ORDER BY contact_email`,
      [campaignId],
    );
    return {
      net,
      buyer,
      campaignId,
      assessmentIds: rows.map((r) => r.id),
      contacts: rows.map((r) => r.contact_email),
    };
  }

  async function rows(where: string, params: unknown[]): Promise<OutboxRow[]> {
    return t.db.query<OutboxRow[]>(
      `SELECT id, dedupe_key, kind, to_email, locale, available_at, status, payload FROM mail_outbox
        WHERE ${where} ORDER BY dedupe_key`,
      params,
    );
  }

  const reminderRows = (assessmentId: string) =>
    rows(`kind = 'questionnaire-reminder' AND assessment_id = $1`, [assessmentId]);

  async function planAt(instant: Date) {
    clock.set(instant);
    return planner.run();
  }

  /** Delivers recorded rows at the test clock's now (their slot may still be ahead) and waits for each email. */
  async function deliverNow(ids: string[]) {
    await t.db.query(
      `UPDATE mail_outbox SET available_at = $2 WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [ids, clock.now()],
    );
    for (const id of ids) await delivery.deliver(id).catch(() => 'retried by the sweeper');
    await pollUntil(
      async () =>
        (
          await t.db.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM mail_outbox WHERE id = ANY($1::uuid[]) AND status <> 'sent'`,
            [ids],
          )
        )[0]!.n === 0,
    );
  }

  const mailsFor = (email: string, subjectPart: string) =>
    smtp.messages.filter((m) => m.to.includes(email) && m.subject.includes(subjectPart));

  /** The email sent for one outbox row (matched by its dedupe key header, whatever else was sent). */
  const mailOf = (row: OutboxRow) =>
    smtp.messages.find((m) => m.headers['x-tierstar-dedupe-key'] === row.dedupe_key);

  it('before the due date: the contact on the right business days; a holiday moves it; outside hours it waits', async () => {
    // Due Monday 30 Nov 2026: "7 days before" is Monday 23 Nov, 勤労感謝の日, so it goes on Tuesday 24th.
    const c = await launched(2, '2026-11-30');
    const [a1] = c.assessmentIds;

    // Friday noon: nothing is due before Friday's window closes.
    await planAt(jst('2026-11-20', 12));
    expect(await reminderRows(a1!)).toEqual([]);

    // Friday evening (outside hours): recorded now, for Tuesday 09:00 (the weekend and the holiday skipped).
    await planAt(jst('2026-11-20', 19));
    const before7 = await reminderRows(a1!);
    expect(before7.map((r) => [r.dedupe_key, r.to_email, r.available_at.toISOString()])).toEqual([
      [
        `reminder:${a1}:2026-11-30:before:7:${c.contacts[0]}`,
        c.contacts[0],
        jst('2026-11-24', 9).toISOString(),
      ],
    ]);
    expect(before7[0]!.payload.accessLink).toBe(true);
    expect(before7[0]!.payload.data).toMatchObject({ daysOverdue: 0, toBuyer: false, dueDate: '2026-11-30' });

    // On the holiday and on Tuesday: nothing new (the same dedupe key).
    await planAt(jst('2026-11-23', 10));
    await planAt(jst('2026-11-24', 10));
    expect(await reminderRows(a1!)).toHaveLength(1);

    // "1 day before" is Sunday 29th → Monday 30th (the due date itself), at the window start.
    await planAt(jst('2026-11-27', 17));
    expect(await reminderRows(a1!)).toHaveLength(1);
    await planAt(jst('2026-11-30', 7, 30));
    const all = await reminderRows(a1!);
    expect(
      all.map((r) => [r.dedupe_key.split(':').slice(3, 5).join(':'), r.available_at.toISOString()]),
    ).toEqual([
      ['before:1', jst('2026-11-30', 9).toISOString()],
      ['before:7', jst('2026-11-24', 9).toISOString()],
    ]);

    // Only open assessments are reminded: the second supplier submitted, so its pending reminder is withdrawn.
    const a2 = c.assessmentIds[1]!;
    await t.db.query(
      `UPDATE mail_outbox SET available_at = $2::timestamptz + interval '1 day', status = 'pending'
        WHERE assessment_id = $1 AND kind = 'questionnaire-reminder' AND dedupe_key LIKE '%:before:1:%'`,
      [a2, clock.now()],
    );
    await t.db.query(`UPDATE assessments SET status = 'submitted' WHERE id = $1`, [a2]);
    const result = await planAt(jst('2026-11-30', 7, 35));
    expect(result.withdrawn).toBeGreaterThanOrEqual(1);
    expect((await reminderRows(a2)).filter((r) => r.status === 'pending')).toEqual([]);
  });

  it('Golden Week 2027 shifts the reminder to the next business day; outside hours the row waits', async () => {
    // Due Friday 7 May 2027 with reminders 4 days before (Monday 3 May, 憲法記念日) in a 10:00–12:00 window:
    // 3–5 May are holidays, so the reminder goes on Thursday 6 May at 10:00.
    const c = await launched(1, '2027-05-07');
    await c.buyer
      .put(`/api/orgs/${c.net.buyer.id}/campaigns/${c.campaignId}/reminder-policy`, {
        beforeDue: [4],
        window: { startHour: 10, endHour: 12 },
      })
      .expect(200);
    const a = c.assessmentIds[0]!;
    // Friday 30 Apr after the window: the next send window is Thursday 6 May (3–5 May are holidays, 1–2 a weekend).
    await planAt(jst('2027-04-30', 12, 30));
    expect((await reminderRows(a)).map((r) => r.available_at.toISOString())).toEqual([
      jst('2027-05-06', 10).toISOString(),
    ]);
    // A run inside Thursday's window records nothing new, and the row has not been sent early.
    await planAt(jst('2027-05-06', 10, 1));
    const [row] = await reminderRows(a);
    expect(await reminderRows(a)).toHaveLength(1);
    expect(row!.status).toBe('pending');
  });

  it('escalation climbs the ladder with the days overdue; each email goes to the right people', async () => {
    const c = await launched(1, '2026-12-01');
    const a = c.assessmentIds[0]!;
    const supplier = c.net.suppliers[0]!.org;
    const supplierAdmin = await makeUser(t.db, supplier, 'admin');
    const owner = await makeUser(t.db, c.net.buyer, 'procurement');
    await t.db.query(`UPDATE supply_links SET owner_user_id = $3 WHERE buyer_id = $1 AND supplier_id = $2`, [
      c.net.buyer.id,
      supplier.id,
      owner.id,
    ]);
    const lead = c.net.procurement; // created the campaign
    const contact = c.contacts[0]!;

    const recipients = async (key: string) =>
      (await reminderRows(a)).filter((r) => r.dedupe_key.includes(`:${key}:`)).map((r) => r.to_email);

    // +3 days (Friday 4 Dec): the contact and the supplier's admin.
    await planAt(jst('2026-12-04', 10));
    expect((await recipients('after:3')).sort()).toEqual([contact, supplierAdmin.email].sort());
    // +9 (Thursday 10 Dec): the buyer's owner of the relationship too.
    await planAt(jst('2026-12-10', 10));
    expect((await recipients('after:9')).sort()).toEqual([contact, supplierAdmin.email, owner.email].sort());
    // +15 (Wednesday 16 Dec): the procurement lead too.
    await planAt(jst('2026-12-16', 10));
    const last = await reminderRows(a);
    expect((await recipients('after:15')).sort()).toEqual(
      [contact, supplierAdmin.email, owner.email, lead.email].sort(),
    );
    // Within the grace period only the contact's email carries a personal sign-in link.
    const after9 = last.filter((r) => r.dedupe_key.includes(':after:9:'));
    for (const r of after9) expect(Boolean(r.payload.accessLink)).toBe(r.to_email === contact);
    // +15 is past the due date + 14 grace days: sign-in links have expired, so everyone gets the plain link;
    // the buyer's people are told as the buyer.
    const after15 = last.filter((r) => r.dedupe_key.includes(':after:15:'));
    for (const r of after15) {
      expect(Boolean(r.payload.accessLink)).toBe(false);
      expect(r.payload.data!['toBuyer']).toBe(r.to_email === owner.email || r.to_email === lead.email);
      expect(r.payload.data!['daysOverdue']).toBe(15);
    }

    // Earlier steps' emails went out as the test clock reached their slots; read exactly the +15 ones.
    await deliverNow(after15.map((r) => r.id));
    const rowTo = (email: string) => after15.find((r) => r.to_email === email)!;
    const toLead = await pollUntil(() => Promise.resolve(mailOf(rowTo(lead.email))));
    expect(toLead.to).toContain(lead.email);
    expect(toLead.subject).toContain('15日遅れています');
    expect(toLead.html).toContain('&lt;b&gt;&amp;'); // the supplier's name, escaped
    expect(toLead.text).toContain(`http://tierstar.test/assessments/${a}`);
    const toContact = await pollUntil(() => Promise.resolve(mailOf(rowTo(contact))));
    expect(toContact.to).toContain(contact);
    expect(toContact.subject).toContain('期限超過');
    expect(toContact.text).toContain('15日が過ぎました');
    expect(toContact.text).toContain(`http://tierstar.test/assessments/${a}`);
    expect(toContact.text).not.toContain('/respond#token=');
  });

  it('running the planner twice (or two at once) records and sends nothing twice', async () => {
    const c = await launched(3, '2026-12-01');
    const at = jst('2026-12-04', 11);
    clock.set(at);
    const [first, second] = await Promise.all([planner.run(), planner.run()]);
    const again = await planner.run();
    expect(again.questionnaire).toBe(0);
    expect(first.questionnaire + second.questionnaire).toBeGreaterThanOrEqual(3);
    const recorded = await rows(`assessment_id = ANY($1::uuid[]) AND kind = 'questionnaire-reminder'`, [
      c.assessmentIds,
    ]);
    expect(recorded.map((r) => r.to_email).sort()).toEqual([...c.contacts].sort());

    await deliverNow(recorded.map((r) => r.id));
    await planner.run();
    await delivery.sweep();
    for (const email of c.contacts) {
      await pollUntil(() => Promise.resolve(mailsFor(email, '期限超過').length === 1));
    }
    await planner.run();
    expect(
      await rows(`assessment_id = ANY($1::uuid[]) AND kind = 'questionnaire-reminder'`, [c.assessmentIds]),
    ).toHaveLength(3);
    for (const email of c.contacts) expect(mailsFor(email, '期限超過')).toHaveLength(1);
  });

  it('the link in a reminder works and the previous one is revoked', async () => {
    // A due date 40 days after the test clock's today: the links stay valid through the test.
    const dueDate = addCalendarDays(clock.today(), 40);
    const c = await launched(1, dueDate);
    const contact = c.contacts[0]!;
    const invitation = await pollUntil(() =>
      Promise.resolve(
        smtp.messages.find((m) => m.to.includes(contact) && m.subject.includes('ご協力のお願い')),
      ),
    );
    const firstToken = await linkTokenOf(t, invitation);

    const [first] = questionnaireReminders({ dueDate, policy: DEFAULT_REMINDER_POLICY });
    await planAt(new Date(first!.sendAt.getTime() + 60_000));
    const [row] = await reminderRows(c.assessmentIds[0]!);
    expect(row!.dedupe_key).toContain(':before:7:');
    await deliverNow([row!.id]);
    const reminder = await pollUntil(() => Promise.resolve(mailsFor(contact, 'リマインド')[0]));
    expect(reminder.html).toContain('以前のメールのリンクは使えなくなりました');
    const secondToken = await linkTokenOf(t, reminder);
    expect(secondToken).not.toBe(firstToken);

    const old = await (await browser(t)).post('/api/access-links/redeem', { token: firstToken }).expect(410);
    expect(old.body.code).toBe('ACCESS_LINK_INVALID');
    const client = await browser(t);
    const res = await client.post('/api/access-links/redeem', { token: secondToken }).expect(200);
    expect(res.body.assessmentId).toBe(c.assessmentIds[0]);
    await client.get(`/api/assessments/${c.assessmentIds[0]}`).expect(200);
  });

  it('remediation items: due soon, then overdue up the ladder; settled items are left alone', async () => {
    const c = await launched(1, '2026-10-30');
    const a = c.assessmentIds[0]!;
    const supplier = c.net.suppliers[0]!.org;
    const owner = await makeUser(t.db, c.net.buyer, 'procurement');
    await t.db.query(`UPDATE supply_links SET owner_user_id = $3 WHERE buyer_id = $1 AND supplier_id = $2`, [
      c.net.buyer.id,
      supplier.id,
      owner.id,
    ]);
    await t.db.query(`UPDATE assessments SET status = 'accepted' WHERE id = $1`, [a]);
    const [open, done] = await t.db.query<{ id: string }[]>(
      `INSERT INTO remediation_items (assessment_id, buyer_id, supplier_id, criterion_id, status, plan, owner_name, due_date)
       VALUES ($1, $2, $3, '1-1-1-1', 'in_progress', 'MFA <script>x</script> を導入', '山田 <i>', '2027-01-15'),
              ($1, $2, $3, '1-1-1-2', 'done', '', '', '2027-01-15')
       RETURNING id`,
      [a, c.net.buyer.id, supplier.id],
    );
    const itemRows = (id: string) =>
      rows(`kind = 'remediation-reminder' AND dedupe_key LIKE $1`, [`remediation:${id}:%`]);

    // 7 days before 15 Jan 2027 is Friday 8 Jan.
    await planAt(jst('2027-01-08', 9, 5));
    const soon = await itemRows(open!.id);
    expect(soon.map((r) => [r.dedupe_key, r.to_email, r.available_at.toISOString()])).toEqual([
      [
        `remediation:${open!.id}:2027-01-15:due_soon:7:0:${c.contacts[0]}`,
        c.contacts[0],
        jst('2027-01-08', 9, 5).toISOString(),
      ],
    ]);
    expect(soon[0]!.payload.accessLink).toBeUndefined();
    expect(await itemRows(done!.id)).toEqual([]);

    // +9 days overdue (Sunday 24 Jan → Monday 25th): the buyer's owner is on the ladder by then.
    await planAt(jst('2027-01-25', 8));
    const overdue = (await itemRows(open!.id)).filter((r) => r.dedupe_key.includes(':overdue:'));
    expect(overdue.map((r) => r.dedupe_key.split(':').slice(3, 6).join(':'))).toEqual([
      'overdue:9:2',
      'overdue:9:2',
    ]);
    expect(overdue.map((r) => r.to_email).sort()).toEqual([c.contacts[0], owner.email].sort());
    const toOwner = overdue.find((r) => r.to_email === owner.email)!;
    await deliverNow([toOwner.id]);
    const mail = await pollUntil(() => Promise.resolve(mailsFor(owner.email, '改善項目')[0]));
    expect(mail.subject).toContain('1-1-1-1');
    expect(mail.html).toContain('MFA &lt;script&gt;x&lt;/script&gt; を導入');
    expect(mail.html).toContain('山田 &lt;i&gt;');
    expect(mail.text).toContain('MFA <script>x</script> を導入');

    // Once done, the pending reminder is withdrawn and no more are planned.
    await t.db.query(`UPDATE remediation_items SET status = 'done' WHERE id = $1`, [open!.id]);
    await planAt(jst('2027-01-28', 10));
    // What went out before (the due-soon email when the clock reached its slot, the owner's +9) stays sent;
    // the contact's +9, still pending, was withdrawn.
    const left = await itemRows(open!.id);
    expect(left.every((r) => r.status === 'sent')).toBe(true);
    expect(left.map((r) => [r.dedupe_key.split(':')[3], r.to_email])).toEqual([
      ['due_soon', c.contacts[0]],
      ['overdue', owner.email],
    ]);
  });

  it('weekly digest: procurement and admins get new submissions, overdue items and ★ changes', async () => {
    const c = await launched(2, '2026-11-20');
    const admin = await makeUser(t.db, c.net.buyer, 'admin');
    const [a1, a2] = c.assessmentIds;
    await t.db.query(`UPDATE assessments SET status = 'submitted', round = 1 WHERE id = $1`, [a1]);
    await t.db.query(
      `INSERT INTO assessment_submissions (assessment_id, round, answers, score, declaration, submitted_at)
       VALUES ($1, 1, '[]', '{"level": 3}', '{}', $2)`,
      [a1, jst('2026-11-25', 15)],
    );
    // The digest of the week of Monday 30 Nov 2026 covers 23–29 Nov and goes out Monday 09:00.
    await planAt(jst('2026-11-30', 8));
    const digests = await rows(`kind = 'procurement-digest' AND organization_id = $1`, [c.net.buyer.id]);
    expect(digests.map((r) => [r.dedupe_key, r.available_at.toISOString()]).sort()).toEqual(
      [admin.email, c.net.procurement.email]
        .map((e) => [`digest:${c.net.buyer.id}:2026-W49:${e}`, jst('2026-11-30', 9).toISOString()])
        .sort(),
    );
    const data = digests[0]!.payload.data!;
    expect(data['weekStart']).toBe('2026-11-23');
    expect(data['weekEnd']).toBe('2026-11-29');
    expect(data['submissions']).toEqual([
      expect.objectContaining({ levelLabel: '★3(基礎)', supplierName: expect.stringContaining('<b>&') }),
    ]);
    expect(data['overdue']).toEqual([
      expect.objectContaining({ criterionId: '', dueDate: '2026-11-20', daysOverdue: 10 }),
    ]);
    expect(data['starChanges']).toEqual([expect.objectContaining({ fromLabel: null, toLabel: '★3(基礎)' })]);
    expect(a2).toBeDefined();

    // Again on Tuesday: the same week, nothing new.
    await planAt(jst('2026-12-01', 10));
    expect(await rows(`kind = 'procurement-digest' AND organization_id = $1`, [c.net.buyer.id])).toHaveLength(
      2,
    );

    await deliverNow(digests.map((r) => r.id));
    const mail = await pollUntil(() => Promise.resolve(mailsFor(admin.email, '週次まとめ')[0]));
    expect(mail.html).toContain('&lt;b&gt;&amp;');
    expect(mail.html).not.toContain('<b>&');
    expect(mail.text).toContain(`http://tierstar.test/orgs/${c.net.buyer.id}/campaigns`);
  });

  it('the planner also runs through its BullMQ queue', async () => {
    const c = await launched(1, '2027-02-10');
    clock.set(jst('2027-02-03', 10)); // 7 days before
    const queue = t.app.get<Queue>(getQueueToken(QUEUE.reminders));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('reminder-planner');
    await queue.add(JOB.planReminders, {});
    const [row] = await pollUntil(async () => {
      const found = await reminderRows(c.assessmentIds[0]!);
      return found.length ? found : null;
    });
    expect(row!.available_at.toISOString()).toBe(jst('2027-02-03', 10).toISOString());
  });

  describe('policy endpoints', () => {
    it('GET shows the defaults; PUT validates with ja/en messages, changes nothing when invalid, and plans with the result', async () => {
      const c = await launched(1, '2027-03-31');
      const url = `/api/orgs/${c.net.buyer.id}/campaigns/${c.campaignId}/reminder-policy`;
      const initial = await c.buyer.get(url).expect(200);
      expect(initial.body).toEqual({
        isDefault: true,
        policy: JSON.parse(JSON.stringify(DEFAULT_REMINDER_POLICY)),
      });

      const bad = {
        afterDueEveryDays: 0,
        window: { startHour: 18, endHour: 9 },
        escalation: [{ role: 'ceo', escalateAfterDays: 0 }],
      };
      const ja = await c.buyer.put(url, bad).expect(400);
      expect(ja.headers['content-type']).toContain('application/problem+json');
      expect(ja.body.code).toBe('REMINDER_POLICY_INVALID');
      expect(ja.body.detail).toBe('リマインドの設定に誤りがあります。');
      expect(ja.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'afterDueEveryDays',
        'window',
        'escalation[0].role',
      ]);
      expect(ja.body.errors[1].message).toBe('送信時間帯の開始（18時）は終了（9時）より前にしてください。');
      const en = await c.buyer.put(url, bad).set('Accept-Language', 'en').expect(400);
      expect(en.body.detail).toBe('The reminder policy is not valid.');
      expect(en.body.errors[0].message).toBe(
        'afterDueEveryDays must be a whole number of days from 1 to 365.',
      );
      await c.buyer.put(url, { beforeDue: 'soon' }).expect(400);
      await c.buyer.put(url, { unknownField: 1 }).expect(400);
      expect((await c.buyer.get(url).expect(200)).body.isDefault).toBe(true);

      const saved = await c.buyer
        .put(url, {
          beforeDue: [2],
          window: { startHour: 13 },
          escalation: [
            { role: 'supplier_contact', escalateAfterDays: 0 },
            { role: 'buyer_procurement_lead', escalateAfterDays: 1 },
          ],
        })
        .expect(200);
      expect(saved.body.isDefault).toBe(false);
      expect(saved.body.policy).toMatchObject({ beforeDue: [2], window: { startHour: 13, endHour: 18 } });
      expect((await c.buyer.get(url).expect(200)).body).toEqual(saved.body);

      // 2 days before 31 Mar 2027 is Monday 29th, from 13:00.
      await planAt(jst('2027-03-29', 9));
      expect((await reminderRows(c.assessmentIds[0]!)).map((r) => r.available_at.toISOString())).toEqual([
        jst('2027-03-29', 13).toISOString(),
      ]);
    });

    it('is tenant-checked: strangers and suppliers get 404, evaluators 403', async () => {
      const c = await launched(1, '2027-03-31');
      const url = `/api/orgs/${c.net.buyer.id}/campaigns/${c.campaignId}/reminder-policy`;
      const stranger = await (
        await browser(t)
      ).login((await makeUser(t.db, await makeOrg(t.db))).email, PASSWORD);
      await stranger.get(url).expect(404);
      await stranger.put(url, { beforeDue: [1] }).expect(404);
      const supplierAdmin = await makeUser(t.db, c.net.suppliers[0]!.org, 'admin');
      const s = await (await browser(t)).login(supplierAdmin.email, PASSWORD);
      await s.get(url).expect(404);
      const evaluator = await (
        await browser(t)
      ).login((await makeUser(t.db, c.net.buyer, 'evaluator')).email, PASSWORD);
      await evaluator.put(url, { beforeDue: [1] }).expect(403);
      // Another buyer's campaign id under one's own organization is 404 too.
      const other = await launched(1, '2027-03-31');
      await c.buyer
        .get(`/api/orgs/${c.net.buyer.id}/campaigns/${other.campaignId}/reminder-policy`)
        .expect(404);
      await c.buyer.get(`/api/orgs/${c.net.buyer.id}/campaigns/not-a-uuid/reminder-policy`).expect(404);
    });
  });

  it('a supplier sees its upcoming reminders; strangers get 404', async () => {
    const c = await launched(1, '2027-03-31');
    const a = c.assessmentIds[0]!;
    const supplierAdmin = await makeUser(t.db, c.net.suppliers[0]!.org, 'admin');
    const s = await (await browser(t)).login(supplierAdmin.email, PASSWORD);
    clock.set(jst('2027-03-20', 12));
    const res = await s.get(`/api/assessments/${a}/reminders`).expect(200);
    const items = res.body.items as {
      kind: string;
      sendAt: string;
      recipients: string[];
      daysOverdue: number;
    }[];
    // 7 days before (Wednesday 24 Mar), 1 day before (Tuesday 30th), then every 3 days overdue.
    expect(items.slice(0, 3).map((i) => [i.kind, i.sendAt])).toEqual([
      ['before_due', jst('2027-03-24', 9).toISOString()],
      ['before_due', jst('2027-03-30', 9).toISOString()],
      ['after_due', jst('2027-04-05', 9).toISOString()], // +3 is Saturday 3 Apr → Monday 5th
    ]);
    expect(items[0]!.recipients).toEqual(['supplier_contact']);
    expect(items[2]!.recipients).toEqual(['supplier_contact', 'supplier_admin']);
    expect(items[2]!.daysOverdue).toBe(5);
    expect(items).toHaveLength(
      DEFAULT_REMINDER_POLICY.beforeDue.length + DEFAULT_REMINDER_POLICY.maxAfterDue,
    );
    await c.buyer.get(`/api/assessments/${a}/reminders`).expect(200);

    const stranger = await (
      await browser(t)
    ).login((await makeUser(t.db, await makeOrg(t.db))).email, PASSWORD);
    await stranger.get(`/api/assessments/${a}/reminders`).expect(404);
    await stranger.get(`/api/assessments/not-a-uuid/reminders`).expect(404);

    // Once submitted, nothing more is coming for the questionnaire.
    await t.db.query(`UPDATE assessments SET status = 'submitted' WHERE id = $1`, [a]);
    expect((await s.get(`/api/assessments/${a}/reminders`).expect(200)).body.items).toEqual([]);
  });
});
