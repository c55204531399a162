import type { Role } from '../api/types';

// Mirrors the API's @OrgRoles on the campaign endpoints (also the buyer's remediation list); the API still
// enforces them.
const CAMPAIGN_VIEWERS: ReadonlySet<Role> = new Set<Role>(['admin', 'procurement', 'evaluator']);
const CAMPAIGN_MANAGERS: ReadonlySet<Role> = new Set<Role>(['admin', 'procurement']);

export function canViewCampaigns(role: Role | undefined): boolean {
  return role !== undefined && CAMPAIGN_VIEWERS.has(role);
}

export function canManageCampaigns(role: Role | undefined): boolean {
  return role !== undefined && CAMPAIGN_MANAGERS.has(role);
}
