import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { MemberRole } from '../organizations/membership.entity';
import type { AuthContext, AuthedRequest } from './auth.types';

export const PUBLIC_KEY = 'tierstar:public';
/** The route needs no session (login, health, invitation acceptance). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const API_TOKEN_KEY = 'tierstar:api-token';
/**
 * GET routes under `/orgs/:orgId` that an organization's read-only API token (Authorization: Bearer tst_…) may
 * also call, for BI tools. The token only ever reads its own organization.
 */
export const ApiTokenReadable = () => SetMetadata(API_TOKEN_KEY, true);

export const ORG_ROLES_KEY = 'tierstar:org-roles';
/**
 * The route acts inside the organization named by the `:orgId` path parameter; the caller must be a member
 * with one of these roles. Non-members get 404, so other tenants' ids reveal nothing.
 */
export const OrgRoles = (...roles: MemberRole[]) => SetMetadata(ORG_ROLES_KEY, roles);

export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.auth) throw new Error('CurrentAuth used on a public route');
  return req.auth;
});
