import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MatchesWithin } from '../../common/matches-within';
import { REMEDIATION_STATUSES, type RemediationStatus } from '../remediation-item.entity';

export const MAX_PLAN = 4000;
export const MAX_TEXT = 2000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: 'must be a date (YYYY-MM-DD)' };

/** The supplier's edits to one item; only the fields sent change. `baseVersion` is the version edited. */
export class UpdateRemediationDto {
  @ApiPropertyOptional({ maxLength: MAX_PLAN, description: 'What will be done to close the gap' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_PLAN)
  plan?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Person responsible (free text)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ownerName?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-03-31',
    description: 'Planned date; not after the campaign remediation deadline; null clears it',
  })
  @IsOptional()
  @MatchesWithin(DATE, 10, DATE_MESSAGE)
  dueDate?: string | null;

  @ApiPropertyOptional({
    maxLength: MAX_TEXT,
    description: 'Support used (e.g. an IPA お助け隊 service): link or text',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  supportOffer?: string;

  @ApiPropertyOptional({
    enum: REMEDIATION_STATUSES,
    description: 'New status (verified only through verify)',
  })
  @IsOptional()
  @IsIn(REMEDIATION_STATUSES)
  status?: RemediationStatus;

  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: 'Required for risk_accepted' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  riskReason?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-09-30',
    description: 'Required for risk_accepted: the acceptance is reviewed again after this date',
  })
  @IsOptional()
  @MatchesWithin(DATE, 10, DATE_MESSAGE)
  riskExpiresOn?: string | null;

  @ApiProperty({ description: 'Version of the item the change is based on' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647) // an int4 column
  baseVersion!: number;
}

export class VerifyRemediationDto {
  @ApiPropertyOptional({ description: 'Version the buyer looked at; a stale one gets 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647) // an int4 column
  baseVersion?: number;

  @ApiPropertyOptional({ maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  comment?: string;
}

export class ReopenRemediationDto {
  @ApiPropertyOptional({ description: 'Version the buyer looked at; a stale one gets 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647) // an int4 column
  baseVersion?: number;

  @ApiProperty({ maxLength: MAX_TEXT, description: 'What is still missing' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  comment!: string;
}

export class RemediationQueryDto {
  @ApiPropertyOptional({ enum: REMEDIATION_STATUSES })
  @IsOptional()
  @IsIn(REMEDIATION_STATUSES)
  status?: RemediationStatus;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only overdue items; false: none overdue',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Tier of the supplier as seen by the buyer (1 = direct)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  tier?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class RemediationPartyDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class RemediationCriterionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: Object, description: '{ ja, en }' }) title!: { ja: string; en: string };
  @ApiProperty({ type: Object, description: '{ ja, en }' }) explanation!: { ja: string; en: string };
  @ApiProperty() level!: number;
}

export class RemediationItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() assessmentId!: string;
  @ApiProperty() campaignId!: string;
  @ApiProperty() campaignTitle!: string;
  @ApiProperty({ type: RemediationPartyDto }) buyer!: RemediationPartyDto;
  @ApiProperty({ type: RemediationPartyDto }) supplier!: RemediationPartyDto;
  @ApiProperty({ type: Number, nullable: true, description: 'Tier of the supplier as seen by the buyer' })
  tier!: number | null;
  @ApiProperty({ type: RemediationCriterionDto }) criterion!: RemediationCriterionDto;
  @ApiProperty({ enum: REMEDIATION_STATUSES }) status!: RemediationStatus;
  @ApiProperty() plan!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty({ type: String, nullable: true }) dueDate!: string | null;
  @ApiProperty() supportOffer!: string;
  @ApiProperty() riskReason!: string;
  @ApiProperty({ type: String, nullable: true }) riskExpiresOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Latest allowed due date (campaign)' })
  remediationDeadline!: string | null;
  @ApiProperty({ description: 'Due date passed (Asia/Tokyo) and not done, verified or risk-accepted' })
  overdue!: boolean;
  @ApiProperty() evidenceCount!: number;
  @ApiProperty({ type: String, nullable: true }) verifiedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) verifiedByName!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class RemediationEvidenceDto {
  @ApiProperty() id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() createdAt!: string;
}

export class RemediationEventDto {
  @ApiProperty() id!: string;
  @ApiProperty({
    description:
      'created | updated | status | evidence_added | verified | reopened | gap_closed | gap_reopened',
  })
  action!: string;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ type: String, nullable: true }) fromStatus!: string | null;
  @ApiProperty({ type: String, nullable: true }) toStatus!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '{ changes?: { field: { from, to } }, comment?, filename? }',
  })
  data!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
}

export class RemediationViewerDto {
  @ApiProperty({ description: 'Supplier staff: may edit, change status, upload evidence' })
  canEdit!: boolean;
  @ApiProperty({ description: 'Buyer admins/procurement: may verify or reopen' })
  canVerify!: boolean;
}

export class RemediationDetailDto extends RemediationItemDto {
  @ApiProperty({ type: [RemediationEvidenceDto], description: 'Evidence for the criterion, newest first' })
  evidence!: RemediationEvidenceDto[];
  @ApiProperty({ type: [RemediationEventDto], description: 'History, oldest first' })
  history!: RemediationEventDto[];
  @ApiProperty({ type: RemediationViewerDto }) viewer!: RemediationViewerDto;
}

export class RemediationListDto {
  @ApiProperty({ type: [RemediationItemDto] }) items!: RemediationItemDto[];
}

export class RemediationPageDto {
  @ApiProperty({ type: [RemediationItemDto] }) items!: RemediationItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty() total!: number;
}
