import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { problem } from '../common/problem';
import type { MemberRole } from '../organizations/membership.entity';
import type { AuthedRequest } from './auth.types';
import { ORG_ROLES_KEY } from './decorators';
import { assertOrgRole } from './org-access';

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
    // An API token (only admitted on @ApiTokenReadable GET routes) reads its own organization and no other.
    if (!req.auth && req.apiToken) {
      if (req.apiToken.organizationId !== orgId) throw problem.notFound();
      return true;
    }
    if (!req.auth || typeof orgId !== 'string') throw problem.notFound();
    await assertOrgRole(this.db, req.auth.userId, orgId, roles);
    return true;
  }
}
