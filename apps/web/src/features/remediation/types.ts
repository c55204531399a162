// Named shapes of the remediation endpoints, derived from the generated OpenAPI schema (never written by hand).
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type RemediationItem = Schemas['RemediationItemDto'];
export type RemediationDetail = Schemas['RemediationDetailDto'];
export type RemediationEvent = Schemas['RemediationEventDto'];
export type RemediationStatus = RemediationItem['status'];
export type RemediationUpdate = Schemas['UpdateRemediationDto'];

/** Board order: what needs the supplier first, closed last. */
export const STATUS_ORDER: readonly RemediationStatus[] = [
  'open',
  'planned',
  'in_progress',
  'done',
  'risk_accepted',
  'verified',
];
