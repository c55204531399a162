import { isUuid } from '../common/ids';
import type { DataSource } from 'typeorm';
import { ProblemException, problem } from '../common/problem';
import { Membership, type MemberRole } from '../organizations/membership.entity';

/**
 * The tenant rule, in one place: a caller who is not a member of the organization gets 404 (it might as
 * well not exist); a member without one of `roles` gets 403. An empty `roles` list admits any member.
 */
export async function assertOrgRole(
  db: DataSource,
  userId: string,
  orgId: string,
  roles: readonly MemberRole[],
): Promise<void> {
  if (!isUuid(orgId)) throw problem.notFound();
  const mine = await db
    .getRepository(Membership)
    .find({ where: { userId, organizationId: orgId }, select: { role: true } });
  if (mine.length === 0) throw problem.notFound();
  if (roles.length > 0 && !mine.some((m) => roles.includes(m.role))) {
    throw new ProblemException(403, 'ROLE_REQUIRED', {
      ja: `この操作には次の役割が必要です: ${roles.join(', ')}`,
      en: `This action needs one of these roles: ${roles.join(', ')}`,
    });
  }
}
