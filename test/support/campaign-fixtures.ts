import { getCatalogue } from '@tierstar/guidelines';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Clock } from '../../apps/api/src/common/clock';
import type { Organization } from '../../apps/api/src/organizations/organization.entity';
import { addCalendarDays } from '../../apps/api/src/reminders/calendar/business-calendar';
import type { User } from '../../apps/api/src/users/user.entity';
import { makeLink, makeOrg, makeUser } from './factories';
import { DEDUPE_HEADER } from '../../apps/api/src/outbox/mail-delivery.service';
import { pollUntil } from './poll';
import type { CaughtMail } from './smtp';
import type { TestApp, TestBrowser } from './test-app';

export interface Network {
  buyer: Organization;
  procurement: User;
  suppliers: { org: Organization; contactEmail: string }[];
}

let seq = 0;

/** A buyer with a procurement user and `n` Tier 1 suppliers, each with a distinct contact email. */
export async function makeNetwork(db: DataSource, n: number): Promise<Network> {
  const buyer = await makeOrg(db, { name: `買い手 ${++seq}` });
  const procurement = await makeUser(db, buyer, 'procurement');
  const suppliers: Network['suppliers'] = [];
  for (let i = 0; i < n; i++) {
    const org = await makeOrg(db, { name: `取引先 ${seq}-${i} <b>&` });
    const contactEmail = `contact-${seq}-${i}-${randomBytes(4).toString('hex')}@supplier.test`;
    await makeLink(db, buyer, org, { contactEmail, tags: i % 2 ? ['odd'] : ['even'] });
    suppliers.push({ org, contactEmail });
  }
  return { buyer, procurement, suppliers };
}

/** Creates a METI campaign to every Tier 1 supplier and launches it; returns the campaign id. */
export async function launchCampaign(
  buyerClient: TestBrowser,
  buyerId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const created = await buyerClient
    .post(`/api/orgs/${buyerId}/campaigns`, {
      title: '2027年度 自己評価 <script>',
      message: 'ご協力をお願いします。',
      supportOffered: '費用の一部を負担します。',
      catalogueId: 'meti-scs',
      dueDate: addCalendarDays(buyerClient.t.app.get(Clock).today(), 365),
      selection: { tiers: [1] },
      ...overrides,
    })
    .expect(201);
  const id = (created.body as { id: string }).id;
  await buyerClient.post(`/api/orgs/${buyerId}/campaigns/${id}/launch`).expect(200);
  return id;
}

/** Criterion ids of METI ★3 (level ≤ 3), in official order. */
export function metiStar3Ids(): string[] {
  return getCatalogue('meti-scs')!
    .criteria.filter((c) => c.level <= 3)
    .map((c) => c.id);
}

/** The first ★3 criterion that allows "not applicable" (with a reason). */
export function metiStar3NaAllowedId(): string {
  return getCatalogue('meti-scs')!.criteria.find((c) => c.level === 3 && c.naPolicy === 'with_reason')!.id;
}

export function metiStar4OnlyId(): string {
  return getCatalogue('meti-scs')!.criteria.find((c) => c.level === 4)!.id;
}

/** The token in an emailed link `…/respond#token=<token>`. */
/**
 * The sign-in token of an emailed link, once its outbox row is recorded as sent. The link becomes valid with
 * that commit, a fraction of a millisecond after the SMTP server has the email (docs/architecture.md, Email):
 * a person never reads an email that fast, but a test polling the inbox can, so it waits for the commit.
 */
export async function linkTokenOf(t: TestApp, mail: CaughtMail): Promise<string> {
  const key = mail.headers[DEDUPE_HEADER.toLowerCase()];
  if (!key) throw new Error(`email without ${DEDUPE_HEADER}: ${mail.subject}`);
  await pollUntil(
    async () =>
      (await t.db.query(`SELECT 1 FROM mail_outbox WHERE dedupe_key = $1 AND status = 'sent'`, [key]))
        .length > 0,
  );
  return tokenFromText(mail.text);
}

export function tokenFromText(text: string): string {
  const m = /\/respond#token=([\w-]{43})/.exec(text);
  if (!m) throw new Error(`no access link in: ${text.slice(0, 300)}`);
  return m[1]!;
}
