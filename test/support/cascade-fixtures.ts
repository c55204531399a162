import type { AnswerValue } from '@tierstar/scoring';
import type { DataSource } from 'typeorm';
import type { Organization } from '../../apps/api/src/organizations/organization.entity';
import type { User } from '../../apps/api/src/users/user.entity';
import { makeLink, makeOrg, makeUser, PASSWORD } from './factories';
import { browser, type TestApp, type TestBrowser } from './test-app';

export const DECLARATION = { declaration: { name: '山田 太郎', title: '代表取締役', date: '2026-11-24' } };

/** Signs a new user of `org` with `role` in. */
export async function signedIn(
  t: TestApp,
  org: Organization,
  role: Parameters<typeof makeUser>[2],
): Promise<{ user: User; client: TestBrowser }> {
  const user = await makeUser(t.db, org, role);
  return { user, client: await (await browser(t)).login(user.email, PASSWORD) };
}

/** A Tier 1 (with an admin) whose own direct suppliers are `orgs`, each linked with its options. */
export async function linkSuppliers(
  db: DataSource,
  buyer: Organization,
  specs: {
    name?: string;
    tags?: string[];
    criticality?: 'low' | 'medium' | 'high' | 'critical';
    region?: string;
    sizeBand?: 'micro' | 'small' | 'medium' | 'large';
  }[],
): Promise<Organization[]> {
  const out: Organization[] = [];
  for (const [i, s] of specs.entries()) {
    const org = await makeOrg(db, {
      ...(s.name ? { name: s.name } : {}),
      region: s.region ?? '',
      sizeBand: s.sizeBand ?? 'medium',
    });
    await makeLink(db, buyer, org, {
      contactEmail: `c-${org.id.slice(0, 8)}-${i}@supplier.test`,
      tags: s.tags ?? [],
      criticality: s.criticality ?? 'medium',
    });
    out.push(org);
  }
  return out;
}

/** Saves every answer through the API (the supplier's own client), then optionally submits. */
export async function answerAll(
  client: TestBrowser,
  assessmentId: string,
  answers: Record<string, AnswerValue>,
  opts: { note?: string; submit?: boolean } = {},
): Promise<void> {
  for (const [id, value] of Object.entries(answers)) {
    await client
      .put(`/api/assessments/${assessmentId}/answers/${encodeURIComponent(id)}`, {
        value,
        baseVersion: 0,
        ...(opts.note ? { note: opts.note } : {}),
        ...(value === 'not_applicable' ? { naReason: '該当する設備がない' } : {}),
      })
      .expect(200);
  }
  if (opts.submit !== false) {
    await client.post(`/api/assessments/${assessmentId}/submit`, DECLARATION).expect(204);
  }
}

export async function assessmentOf(db: DataSource, campaignId: string, supplierId: string): Promise<string> {
  const [row] = await db.query<{ id: string }[]>(
    'SELECT id FROM assessments WHERE campaign_id = $1 AND supplier_id = $2',
    [campaignId, supplierId],
  );
  if (!row) throw new Error(`no assessment for ${supplierId} in ${campaignId}`);
  return row.id;
}
