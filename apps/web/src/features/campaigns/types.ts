// Named shapes of the campaign endpoints, derived from the generated OpenAPI schema (never written by hand).
import type { components } from '../../api/schema';
import type { AssessmentStatus } from '../../lib/AssessmentStatus';

type Schemas = components['schemas'];

export type Campaign = Schemas['CampaignDto'];
export type CampaignStatus = Campaign['status'];
export type CampaignSupplier = Schemas['CampaignSupplierDto'];
export type CampaignSupplierPage = Schemas['CampaignSupplierPageDto'];
export type CreateCampaignBody = Schemas['CreateCampaignDto'];
export type MailLocale = NonNullable<CreateCampaignBody['locale']>;
export type Triage = Schemas['TriageDto'];
export type { AssessmentStatus };
export type CatalogueChoice = Schemas['CatalogueListItemDto'];
export type CatalogueLevel = Schemas['LevelDto'];

export const ASSESSMENT_STATUSES: readonly AssessmentStatus[] = [
  'invited',
  'in_progress',
  'submitted',
  'returned',
  'accepted',
];

export const TRIAGE_QUESTIONS = ['confidential', 'continuity', 'networkAccess'] as const;
export type TriageQuestion = (typeof TRIAGE_QUESTIONS)[number];

export const NO_TRIAGE: Triage = { confidential: false, continuity: false, networkAccess: false };
