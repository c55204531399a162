import type { DataSource } from 'typeorm';
import { audit } from '../audit/audit';
import { normalizeEmail } from '../users/email';

/** Why an operator's first-admin grant was refused (the message names the fix). */
export class FirstAdminRefused extends Error {}

/**
 * Gives an organization that has no admin yet its first one. TierStar never does this on its own: an
 * organization that buyers created by adding its 法人番号 has no members, its contacts are guests of one
 * assessment each, and nobody becomes its admin by answering. An operator runs this (scripts/grant-first-admin.ts)
 * only after verifying the claim outside TierStar (e.g. a letter to the address registered for the 法人番号).
 * From then on its admins invite members and decide buyers' requests (pending requests are held for them).
 */
export async function grantFirstAdmin(
  db: DataSource,
  input: { corporateNumber: string; email: string },
): Promise<{ organizationId: string; userId: string; pendingRequests: number }> {
  const email = normalizeEmail(input.email);
  return db.transaction(async (m) => {
    const [org] = await m.query<{ id: string }[]>(
      'SELECT id FROM organizations WHERE corporate_number = $1 FOR UPDATE',
      [input.corporateNumber],
    );
    if (!org) throw new FirstAdminRefused(`no organization has 法人番号 ${input.corporateNumber}`);
    const [admin] = await m.query(
      `SELECT 1 FROM memberships WHERE organization_id = $1 AND role = 'admin' LIMIT 1`,
      [org.id],
    );
    if (admin) {
      throw new FirstAdminRefused('the organization already has an admin: ask them to invite the person');
    }
    const [user] = await m.query<{ id: string }[]>('SELECT id FROM users WHERE email = $1', [email]);
    if (!user) throw new FirstAdminRefused(`no account for ${email}: the person signs in once first`);
    await m.query(
      `INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'admin') ON CONFLICT DO NOTHING`,
      [user.id, org.id],
    );
    await audit(m, {
      organizationId: org.id,
      actorUserId: null,
      action: 'organization.first_admin_granted',
      entityType: 'membership',
      entityId: user.id,
      after: { email },
    });
    const [{ n }] = (await m.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM supply_links
        WHERE corporate_number = $1 AND request_status = 'pending'`,
      [input.corporateNumber],
    )) as [{ n: number }];
    return { organizationId: org.id, userId: user.id, pendingRequests: n };
  });
}
