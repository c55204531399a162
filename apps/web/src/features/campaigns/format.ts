export function campaignsPath(orgId: string, rest = ''): string {
  return `/orgs/${encodeURIComponent(orgId)}/campaigns${rest ? `/${rest}` : ''}`;
}
