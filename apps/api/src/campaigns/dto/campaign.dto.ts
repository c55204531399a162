import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MatchesWithin } from '../../common/matches-within';
import { LocalizedTextDto } from '../../common/localized-text.dto';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '../../assessments/assessment.entity';
import { CAMPAIGN_STATUSES, type CampaignStatus, MAIL_LOCALES, type MailLocale } from '../campaign.entity';

export class SelectionDto {
  @ApiPropertyOptional({ type: [Number], example: [1], description: 'Every visible supplier of these tiers' })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(3, { each: true })
  tiers?: number[];

  @ApiPropertyOptional({ type: [String], description: 'Suppliers carrying any of these tags' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Hand-picked supplier organization ids' })
  @IsOptional()
  @ArrayMaxSize(20000)
  @IsUUID('all', { each: true })
  supplierIds?: string[];
}

export class CreateCampaignDto {
  @ApiProperty({ example: '2027年度 サプライチェーン・セキュリティ自己評価' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ description: 'Your request to suppliers, in your own words' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  message?: string;

  @ApiPropertyOptional({ description: 'What you offer: cost sharing, support programmes, help desk' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  supportOffered?: string;

  @ApiProperty({ example: 'meti-scs' })
  @IsString()
  @MaxLength(100)
  catalogueId!: string;

  @ApiPropertyOptional({ example: '2026-03-27', description: 'Default: latest' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  catalogueVersion?: string;

  @ApiProperty({ example: '2027-01-31' })
  @MatchesWithin(/^\d{4}-\d{2}-\d{2}$/, 10, { message: 'dueDate must be YYYY-MM-DD' })
  dueDate!: string;

  @ApiPropertyOptional({
    example: '2027-09-30',
    description:
      'Latest date suppliers may plan to close a gap by (remediation due dates after it are refused)',
  })
  @IsOptional()
  @MatchesWithin(/^\d{4}-\d{2}-\d{2}$/, 10, { message: 'remediationDeadline must be YYYY-MM-DD' })
  remediationDeadline?: string;

  @ApiPropertyOptional({
    enum: MAIL_LOCALES,
    default: 'ja',
    description: 'Language of the invitation emails',
  })
  @IsOptional()
  @IsIn(MAIL_LOCALES)
  locale?: MailLocale;

  @ApiProperty({ type: SelectionDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SelectionDto)
  selection!: SelectionDto;
}

export class TriageDto {
  @ApiProperty({ description: "Handles the buyer's important confidential information" })
  @IsBoolean()
  confidential!: boolean;

  @ApiProperty({ description: "Critical to the buyer's business continuity" })
  @IsBoolean()
  continuity!: boolean;

  @ApiProperty({ description: "Its environment can reach the buyer's internal systems" })
  @IsBoolean()
  networkAccess!: boolean;
}

export class UpdateCampaignSupplierDto {
  @ApiPropertyOptional({ type: TriageDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TriageDto)
  triage?: TriageDto;

  @ApiPropertyOptional({ description: "Fix the supplier's contact email before launch" })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional({ description: 'Override the suggested level (catalogue rank)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  targetLevel?: number;
}

export class CampaignDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status!: CampaignStatus;
  @ApiProperty() catalogueId!: string;
  @ApiProperty() catalogueVersion!: string;
  @ApiProperty({ type: LocalizedTextDto }) catalogueTitle!: { ja: string; en: string };
  @ApiProperty() dueDate!: string;
  @ApiProperty({ type: String, nullable: true }) remediationDeadline!: string | null;
  @ApiProperty() message!: string;
  @ApiProperty() supportOffered!: string;
  @ApiProperty({ enum: MAIL_LOCALES }) locale!: MailLocale;
  @ApiProperty() supplierCount!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Assessments by status',
  })
  statusCounts!: Record<string, number>;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) launchedAt!: string | null;
}

export class CampaignListDto {
  @ApiProperty({ type: [CampaignDto] }) items!: CampaignDto[];
}

export class CampaignSupplierDto {
  @ApiProperty() supplierId!: string;
  @ApiProperty() supplierName!: string;
  @ApiProperty() tier!: number;
  @ApiProperty({ type: String, nullable: true }) contactEmail!: string | null;
  @ApiProperty({ type: TriageDto, nullable: true }) triage!: TriageDto | null;
  @ApiProperty({ type: Number, nullable: true }) suggestedLevel!: number | null;
  @ApiProperty({ type: Number, nullable: true }) targetLevel!: number | null;
  @ApiProperty({ type: String, nullable: true }) assessmentId!: string | null;
  @ApiProperty({ enum: ASSESSMENT_STATUSES, nullable: true }) status!: AssessmentStatus | null;
  @ApiProperty({ type: Number, nullable: true }) level!: number | null;
  @ApiProperty({ type: Number, nullable: true }) confirmedLevel!: number | null;
  @ApiProperty({ type: Number, nullable: true }) answered!: number | null;
  @ApiProperty({ type: Number, nullable: true }) inScope!: number | null;
  @ApiProperty({ type: Number, description: 'Emails that could not be delivered' }) failedEmails!: number;
}

export class CampaignSupplierPageDto {
  @ApiProperty({ type: [CampaignSupplierDto] }) items!: CampaignSupplierDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty() total!: number;
}

export class CampaignSuppliersQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  @ApiPropertyOptional({
    enum: ASSESSMENT_STATUSES,
    description: 'Only suppliers whose assessment has this status',
  })
  @IsOptional()
  @IsIn(ASSESSMENT_STATUSES)
  status?: AssessmentStatus;
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class LaunchResultDto {
  @ApiProperty() assessments!: number;
  @ApiProperty() invitations!: number;
}
