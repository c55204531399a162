import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProblemException, problem } from '../common/problem';
import { Membership, type MemberRole } from '../organizations/membership.entity';
import type { AuthedRequest } from './auth.types';
import { ORG_ROLES_KEY } from './decorators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Tenant gate for routes under /orgs/:orgId. A caller who is not a member of that organization gets 404
 * (the organization might as well not exist); a member without a required role gets 403.
 */
@Injectable()
export class OrgAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<MemberRole[] | undefined>(ORG_ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const orgId = req.params['orgId'];
    if (!req.auth || typeof orgId !== 'string' || !UUID.test(orgId)) throw problem.notFound();
    const mine = await this.db
      .getRepository(Membership)
      .find({ where: { userId: req.auth.userId, organizationId: orgId }, select: { role: true } });
    if (mine.length === 0) throw problem.notFound();
    if (roles.length > 0 && !mine.some((m) => roles.includes(m.role))) {
      throw new ProblemException(403, 'ROLE_REQUIRED', {
        ja: `この操作には次の役割が必要です: ${roles.join(', ')}`,
        en: `This action needs one of these roles: ${roles.join(', ')}`,
      });
    }
    return true;
  }
}
