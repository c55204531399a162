// Shapes of the insights, benchmark, consent and forward endpoints, derived from the generated OpenAPI schema
// (never written by hand).
import type { components, paths } from '../../api/schema';

type Schemas = components['schemas'];

export type Localized = Schemas['LocalizedTextDto'];
export type HeatmapCatalogue = Schemas['InsightsCatalogueDto'];
export type HeatmapGroup = Schemas['InsightsGroupDto'];
export type HeatmapCell = Schemas['HeatmapCellDto'];
export type HeatmapTier = Schemas['HeatmapTierDto'];
export type Heatmap = Schemas['HeatmapDto'];
export type Tier = HeatmapTier['tier'];

export type InsightSupplier = Schemas['InsightsSupplierRowDto'];
export type InsightSupplierPage = Schemas['InsightsSupplierPageDto'];
export type CategoryTally = NonNullable<InsightSupplier['categories']>[string];
/** How a supplier's data reaches the viewer: own Tier 1 (direct) or a Tier 2's choice (full / summary). */
export type Consent = InsightSupplier['consent'];

export type Distribution = Schemas['DistributionDto'];
export type DistributionTier = Schemas['DistributionTierDto'];

export type SupplierSummary = Schemas['InsightsSupplierDetailDto'];
export type SupplierRemediation = Schemas['InsightsRemediationItemDto'];
export type RemediationStatus = SupplierRemediation['status'];

export type Benchmark = Schemas['BenchmarkDto'];

/** What a supplier lets its customer's customer see. */
export type ConsentLevel = Schemas['SetConsentDto']['level'];
export const CONSENT_LEVELS: readonly ConsentLevel[] = ['full', 'summary', 'none'];

export type ForwardResult = Schemas['ForwardResultDto'];
export type ForwardedCampaign = Schemas['ForwardedCampaignDto'];

type HeatmapQuery = NonNullable<paths['/api/orgs/{orgId}/insights/heatmap']['get']['parameters']['query']>;
/** Filters shared by the heat map, distribution, supplier list, cells and exports. */
export type InsightsFilters = Pick<
  HeatmapQuery,
  'campaignId' | 'catalogueId' | 'tag' | 'criticality' | 'region'
>;
export type Criticality = NonNullable<InsightsFilters['criticality']>;
export const CRITICALITIES: readonly Criticality[] = ['low', 'medium', 'high', 'critical'];

export type SortKey = 'name' | 'level' | 'achievement' | (string & {});
export type SortOrder = 'asc' | 'desc';
