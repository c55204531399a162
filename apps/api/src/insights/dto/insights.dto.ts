import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { LocalizedTextDto } from '../../common/localized-text.dto';
import { CRITICALITIES, type Criticality } from '../../network/supply-link.entity';
import { REMEDIATION_STATUSES, type RemediationStatus } from '../../remediation/remediation-item.entity';

export const INSIGHT_TIERS = [1, 2] as const;
export const ROW_CONSENTS = ['direct', 'full', 'summary'] as const;
export type RowConsent = (typeof ROW_CONSENTS)[number];

const COUNTED =
  'Only submitted or accepted assessments count, one per supplier (its nearest tier, then its latest assessment).';
const ANONYMITY =
  'Suppliers with consent none count only when no campaign, tag, criticality or region filter is set (anonymousCounted). ' +
  'A tier or cell is hidden (hidden: true, its figures null) when it holds 1 to 4 suppliers that are not full (summary + none), ' +
  'or 1 to 4 with consent none (k-anonymity, k = minimumGroup).';
const ANONYMOUS_COUNTED = {
  description:
    'Whether suppliers with consent none are counted in this answer (only without campaign, tag, criticality and region filters)',
};
const MINIMUM_GROUP = { description: 'k of the k-anonymity rule: 5' };

/** Filters every insights endpoint takes. */
export class InsightsFilterDto {
  @ApiPropertyOptional({ description: 'A root campaign of yours; includes the campaigns forwarded from it' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({
    example: 'meti-scs',
    description: "Default: the campaign's, else the catalogue most of your campaigns use",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  catalogueId?: string;

  @ApiPropertyOptional({
    description:
      "Tag on your own link: to the supplier (Tier 1) or to the Tier 1 that forwarded to it (Tier 2). A Tier 1's tags on its links to its suppliers never apply.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  tag?: string;

  @ApiPropertyOptional({
    enum: CRITICALITIES,
    description:
      'Criticality of your own link: to the supplier (Tier 1) or to the Tier 1 that forwarded to it (Tier 2)',
  })
  @IsOptional()
  @IsIn(CRITICALITIES)
  criticality?: Criticality;

  @ApiPropertyOptional({ description: "The supplier's region (prefecture)" })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  region?: string;
}

export class SupplierPageQueryDto extends InsightsFilterDto {
  @ApiPropertyOptional({
    description: 'name | level | achievement | a category (group id); default name',
    example: 'achievement',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  sort?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class SuppliersQueryDto extends SupplierPageQueryDto {
  @ApiPropertyOptional({ enum: INSIGHT_TIERS, description: 'Only this tier (default both)' })
  @IsOptional()
  @Type(() => Number)
  @IsIn(INSIGHT_TIERS)
  tier?: number;
}

export class CellsQueryDto extends SupplierPageQueryDto {
  @ApiProperty({ enum: INSIGHT_TIERS })
  @Type(() => Number)
  @IsIn(INSIGHT_TIERS)
  tier!: number;

  @ApiProperty({ description: 'Category (group id) of the cell' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  groupId!: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only suppliers meeting the target in this category; false: only those not meeting it',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false])
  meeting?: boolean;
}

export class InsightsGroupDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
}

export class InsightsLevelDto {
  @ApiProperty() rank!: number;
  @ApiProperty({ type: LocalizedTextDto }) label!: LocalizedTextDto;
}

export class InsightsCatalogueDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ type: [InsightsGroupDto] }) groups!: InsightsGroupDto[];
  @ApiProperty({ type: [InsightsLevelDto] }) levels!: InsightsLevelDto[];
}

export class HeatmapCellDto {
  @ApiProperty() groupId!: string;
  @ApiProperty({
    description:
      'true: too few suppliers that are not full to show anything (k-anonymity); every figure is null',
  })
  hidden!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Suppliers of the tier counted in this cell' })
  suppliers!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Suppliers whose category is fully met (met = applicable) up to their target',
  })
  meetingTarget!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'meetingTarget ÷ suppliers, 0..1 (0 when no supplier)',
  })
  shareMeetingTarget!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Mean of met ÷ applicable over suppliers with applicable > 0, 0..1; null when there is none or the cell is hidden',
  })
  averageAchievement!: number | null;
}

export class HeatmapTierDto {
  @ApiProperty({ enum: INSIGHT_TIERS }) tier!: number;
  @ApiProperty({ description: 'true: the tier total is hidden (k-anonymity); cells decide for themselves' })
  hidden!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Suppliers counted in this tier' })
  suppliers!: number | null;
  @ApiProperty({ type: [HeatmapCellDto] }) cells!: HeatmapCellDto[];
}

export class HeatmapDto {
  @ApiProperty({ type: InsightsCatalogueDto, nullable: true, description: 'null when you have no campaign' })
  catalogue!: InsightsCatalogueDto | null;
  @ApiProperty(ANONYMOUS_COUNTED) anonymousCounted!: boolean;
  @ApiProperty(MINIMUM_GROUP) minimumGroup!: number;
  @ApiProperty({
    type: [HeatmapTierDto],
    description: `Tier × category. ${COUNTED} ${ANONYMITY}`,
  })
  tiers!: HeatmapTierDto[];
}

const TALLY_MAP = {
  type: 'object' as const,
  additionalProperties: {
    type: 'object' as const,
    properties: { met: { type: 'number' }, applicable: { type: 'number' } },
    required: ['met', 'applicable'],
  },
};

const RATE_MAP = {
  type: 'object' as const,
  additionalProperties: { type: 'number' as const, nullable: true },
};

export class InsightsSupplierRowDto {
  @ApiProperty() supplierId!: string;
  @ApiProperty() supplierName!: string;
  @ApiProperty({ enum: INSIGHT_TIERS }) tier!: number;
  @ApiProperty({
    enum: ROW_CONSENTS,
    description: "'direct' for your own suppliers (Tier 1), else the Tier 2 supplier's consent",
  })
  consent!: RowConsent;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Tier 2: the Tier 1 that forwarded the campaign',
  })
  viaSupplierId!: string | null;
  @ApiProperty({ type: String, nullable: true }) viaSupplierName!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Claimed level (catalogue rank)' })
  level!: number | null;
  @ApiProperty({ type: Number, nullable: true }) confirmedLevel!: number | null;
  @ApiProperty({ type: Number, nullable: true }) targetLevel!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'met ÷ applicable over criteria in scope, 0..1; null for summary consent',
  })
  achievement!: number | null;
  @ApiProperty({
    ...TALLY_MAP,
    nullable: true,
    description: 'met/applicable per category (group id), up to the target; null for summary consent',
  })
  categories!: Record<string, { met: number; applicable: number }> | null;
  @ApiProperty({
    ...RATE_MAP,
    description: 'met ÷ applicable per category (group id), 0..1; null where nothing applies',
  })
  categoryRates!: Record<string, number | null>;
  @ApiProperty({ description: 'Remediation items not done, verified or risk-accepted' })
  openRemediation!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Open items whose due date has passed (Asia/Tokyo); null for summary consent',
  })
  overdueRemediation!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Set for your own suppliers and for Tier 2 suppliers with full consent (opens answers/evidence)',
  })
  assessmentId!: string | null;
}

export class InsightsSupplierPageDto {
  @ApiProperty({
    type: [InsightsSupplierRowDto],
    description: `${COUNTED} Tier 2 suppliers with consent none are never listed. Summary consent: ★, category rates and the open remediation count only.`,
  })
  items!: InsightsSupplierRowDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({ description: 'Rows listed in total (all pages)' }) total!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Tier 2 suppliers matching the same filters that are not listed because their consent is none; null when not revealed (any campaign, tag, criticality or region filter, or a group below k-anonymity)',
  })
  hiddenByConsent!: number | null;
}

export class LevelCountDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Catalogue rank; null = no level reached' })
  level!: number | null;
  @ApiProperty({ description: 'Suppliers whose claimed level is this' }) claimed!: number;
  @ApiProperty({ description: 'Suppliers whose evaluator-confirmed level is this' }) confirmed!: number;
}

export class DistributionTierDto {
  @ApiProperty({ enum: INSIGHT_TIERS }) tier!: number;
  @ApiProperty({
    description: 'true: too few suppliers that are not full (k-anonymity): no figure, no levels',
  })
  hidden!: boolean;
  @ApiProperty({ type: Number, nullable: true }) suppliers!: number | null;
  @ApiProperty({ type: [LevelCountDto], description: 'Empty when hidden' }) levels!: LevelCountDto[];
  @ApiProperty({ type: Number, nullable: true }) openRemediation!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'null when hidden, and when the tier has summary suppliers and a filter is set (overdue counts are not part of summary)',
  })
  overdueRemediation!: number | null;
}

export class DistributionDto {
  @ApiProperty({ type: InsightsCatalogueDto, nullable: true }) catalogue!: InsightsCatalogueDto | null;
  @ApiProperty(ANONYMOUS_COUNTED) anonymousCounted!: boolean;
  @ApiProperty(MINIMUM_GROUP) minimumGroup!: number;
  @ApiProperty({
    type: [DistributionTierDto],
    description: `★ distribution per tier. ${COUNTED} ${ANONYMITY}`,
  })
  tiers!: DistributionTierDto[];
}

export class GapDto {
  @ApiProperty() criterionId!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
}

export class InsightsRemediationItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() criterionId!: string;
  @ApiProperty({ enum: REMEDIATION_STATUSES }) status!: RemediationStatus;
  @ApiProperty({ type: String, nullable: true }) dueDate!: string | null;
}

export class InsightsSupplierDetailDto extends InsightsSupplierRowDto {
  @ApiProperty({
    type: [GapDto],
    nullable: true,
    description: 'Criteria in scope not satisfied, official order; null for summary consent',
  })
  gaps!: GapDto[] | null;
  @ApiProperty({
    type: [InsightsRemediationItemDto],
    nullable: true,
    description: 'null for summary consent (only the open count is shared)',
  })
  remediation!: InsightsRemediationItemDto[] | null;
}

export class BenchmarkCategoryDto {
  @ApiProperty() groupId!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Your met ÷ applicable, 0..1' }) rate!:
    number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean rate of peers; null unless at least minimumPeers peers have the category applicable',
  })
  peerAverage!: number | null;
}

export class BenchmarkDto {
  @ApiProperty() enoughData!: boolean;
  @ApiProperty({
    description:
      'Number of peers; 0 whenever fewer than minimumPeers (never revealed). A peer is another organization of the same size band with a member whose email is verified and an assessment on the same catalogue accepted by a buyer (with a verified member) that is neither the peer, nor your organization, nor any organization you belong to.',
  })
  peers!: number;
  @ApiProperty() minimumPeers!: number;
  @ApiProperty({ type: [BenchmarkCategoryDto] }) categories!: BenchmarkCategoryDto[];
}

const LANG_DOC = {
  enum: ['ja', 'en'],
  description: 'Language of the headers; default from Accept-Language (Japanese unless English comes first)',
};

export class HeatmapExportQueryDto extends InsightsFilterDto {
  @ApiPropertyOptional(LANG_DOC) @IsOptional() @IsIn(['ja', 'en']) lang?: 'ja' | 'en';
}

export class SuppliersExportQueryDto extends SuppliersQueryDto {
  @ApiPropertyOptional(LANG_DOC) @IsOptional() @IsIn(['ja', 'en']) lang?: 'ja' | 'en';
}
