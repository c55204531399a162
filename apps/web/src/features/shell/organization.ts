import { useMatch } from 'react-router-dom';
import type { Membership, Role } from '../../api/types';
import { readStored, STORAGE_KEYS, writeStored } from '../../lib/storage';
import { useMe } from '../auth/session';

/** The organization id in the URL (`/orgs/:orgId/...`), if any. */
export function useOrgIdFromUrl(): string | undefined {
  return useMatch('/orgs/:orgId/*')?.params.orgId;
}

/** The signed-in user's membership in the organization shown in the URL. */
export function useCurrentMembership(): Membership | undefined {
  const me = useMe();
  const orgId = useOrgIdFromUrl();
  return me.memberships.find((m) => m.organizationId === orgId);
}

/** Where to go after login: the organization used last on this device, else the first one. */
export function preferredMembership(memberships: readonly Membership[]): Membership | undefined {
  const last = readStored(STORAGE_KEYS.organization);
  return memberships.find((m) => m.organizationId === last) ?? memberships[0];
}

export function rememberOrganization(orgId: string): void {
  writeStored(STORAGE_KEYS.organization, orgId);
}

// Mirrors the API's @OrgRoles on the network endpoints; the API still enforces them.
const NETWORK_VIEWERS: ReadonlySet<Role> = new Set<Role>(['admin', 'procurement', 'evaluator']);
const NETWORK_MANAGERS: ReadonlySet<Role> = new Set<Role>(['admin', 'procurement']);

export function canViewSuppliers(role: Role | undefined): boolean {
  return role !== undefined && NETWORK_VIEWERS.has(role);
}

export function canManageSuppliers(role: Role | undefined): boolean {
  return role !== undefined && NETWORK_MANAGERS.has(role);
}

export function orgPath(orgId: string, rest = 'suppliers'): string {
  return `/orgs/${encodeURIComponent(orgId)}/${rest}`;
}
