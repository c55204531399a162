import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MatchesWithin } from '../../common/matches-within';
import { ASSESSMENT_STATUSES, CONSENT_LEVELS, type ConsentLevel } from '../../assessments/assessment.entity';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../../campaigns/campaign.entity';

export class ForwardSelectionDto {
  @ApiPropertyOptional({ type: [String], description: 'Your direct suppliers carrying any of these tags' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Hand-picked direct suppliers (organization ids)' })
  @IsOptional()
  @ArrayMaxSize(20000)
  @IsUUID('all', { each: true })
  supplierIds?: string[];

  @ApiPropertyOptional({ description: 'Every active direct supplier' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

export class ForwardDto {
  @ApiProperty({ example: '2027-01-31' })
  @MatchesWithin(/^\d{4}-\d{2}-\d{2}$/, 10, { message: 'dueDate must be YYYY-MM-DD' })
  dueDate!: string;

  @ApiPropertyOptional({ description: 'Default: the title of the campaign you received' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: 'Your request to your suppliers, in your own words' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  message?: string;

  @ApiPropertyOptional({ description: 'What you offer: cost sharing, support programmes, help desk' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  supportOffered?: string;

  @ApiProperty({ type: ForwardSelectionDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ForwardSelectionDto)
  selection!: ForwardSelectionDto;
}

export class ForwardResultDto {
  @ApiProperty() campaignId!: string;
  @ApiProperty({ description: 'Assessments created (one per supplier not forwarded to before)' })
  assessments!: number;
  @ApiProperty({ description: 'Invitation emails queued' }) invitations!: number;
  @ApiProperty({
    type: [String],
    description:
      'Selected suppliers left out because this assessment was already forwarded to them (never a second assessment)',
  })
  skippedSupplierIds!: string[];
}

export class ForwardedCampaignDto {
  @ApiProperty() campaignId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status!: CampaignStatus;
  @ApiProperty() dueDate!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) launchedAt!: string | null;
  @ApiProperty() supplierCount!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: `Assessments by status (${ASSESSMENT_STATUSES.join(', ')})`,
  })
  statusCounts!: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Assessments by upstream consent (full, summary, none)',
  })
  consentCounts!: Record<string, number>;
}

export class ForwardListDto {
  @ApiProperty({ type: [ForwardedCampaignDto] }) items!: ForwardedCampaignDto[];
}

export class SetConsentDto {
  @ApiProperty({
    enum: CONSENT_LEVELS,
    description:
      "What your buyer's customer may see: full = answers and evidence; summary = ★ (claimed and confirmed), category rates and the number of open remediation items, nothing else; none = nothing about you, only counted without your name in unfiltered totals of at least 5 such suppliers",
  })
  @IsIn(CONSENT_LEVELS)
  level!: ConsentLevel;
}

export class ConsentDto {
  @ApiProperty({ enum: CONSENT_LEVELS }) level!: ConsentLevel;
  @ApiProperty({ type: String, nullable: true }) updatedAt!: string | null;
}
