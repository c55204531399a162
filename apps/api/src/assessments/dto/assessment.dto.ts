import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANSWER_VALUES, type AnswerValue } from '@tierstar/scoring';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
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
import { ANSWER_PROVENANCES, type AnswerProvenance } from '../answer.entity';
import {
  ASSESSMENT_STATUSES,
  type AssessmentStatus,
  CONSENT_LEVELS,
  type ConsentLevel,
} from '../assessment.entity';
import { CONFIRMATION_RESULTS, type ConfirmationResult } from '../confirmation.entity';

export const MAX_TEXT = 2000;

export class SaveAnswerDto {
  @ApiProperty({ enum: ANSWER_VALUES })
  @IsIn(ANSWER_VALUES)
  value!: AnswerValue;

  @ApiPropertyOptional({ maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  note?: string;

  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: 'Required when value is not_applicable' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  naReason?: string;

  @ApiProperty({ description: 'Version the change is based on: 0 for a first answer' })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647) // an int4 column
  baseVersion!: number;

  @ApiPropertyOptional({ description: 'True when the person confirms a reused (prefilled) answer' })
  @IsOptional()
  @IsIn([true, false])
  fromPrefill?: boolean;
}

export class AnswerDto {
  @ApiProperty() criterionId!: string;
  @ApiProperty({ enum: ANSWER_VALUES }) value!: AnswerValue;
  @ApiProperty() note!: string;
  @ApiProperty() naReason!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ANSWER_PROVENANCES }) provenance!: AnswerProvenance;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty() updatedAt!: string;
}

export class TallyDto {
  @ApiProperty() met!: number;
  @ApiProperty() applicable!: number;
}

const TALLY_MAP = {
  type: 'object' as const,
  additionalProperties: {
    type: 'object' as const,
    properties: { met: { type: 'number' }, applicable: { type: 'number' } },
    required: ['met', 'applicable'],
  },
};

export class ScoreDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Claimed level (catalogue rank)' })
  level!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Level counting only evaluator-confirmed answers',
  })
  confirmedLevel!: number | null;
  @ApiProperty({ type: Number, nullable: true }) points!: number | null;
  @ApiProperty() inScope!: number;
  @ApiProperty() answered!: number;
  @ApiProperty() met!: number;
  @ApiProperty() applicable!: number;
  @ApiProperty({ ...TALLY_MAP, description: 'Cumulative met/applicable per level rank' })
  levels!: Record<string, TallyDto>;
  @ApiProperty({ ...TALLY_MAP, description: 'met/applicable per category (group id), in scope' })
  categories!: Record<string, TallyDto>;
  @ApiProperty({ type: [String] }) gaps!: string[];
}

export class SavedAnswerDto {
  @ApiProperty({ type: AnswerDto }) answer!: AnswerDto;
  @ApiProperty({ type: ScoreDto }) score!: ScoreDto;
  @ApiProperty({ enum: ASSESSMENT_STATUSES }) status!: AssessmentStatus;
}

export class SuggestionDto {
  @ApiProperty() criterionId!: string;
  @ApiProperty({ enum: ANSWER_VALUES }) value!: AnswerValue;
  @ApiProperty() note!: string;
  @ApiProperty() naReason!: string;
  @ApiProperty({ description: 'Where it comes from: "assessment:<id>" or "crosswalk:<id>"' }) source!: string;
  @ApiProperty({ description: 'Human-readable origin (campaign title or catalogue)' }) sourceLabel!: string;
  @ApiProperty({ description: 'Follows from the crosswalk relations alone (strong suggestion)' })
  implied!: boolean;
}

export class EvidenceDto {
  @ApiProperty() id!: string;
  @ApiProperty() criterionId!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty() createdAt!: string;
}

export class ReviewCommentDto {
  @ApiProperty() id!: string;
  @ApiProperty() round!: number;
  @ApiProperty() criterionId!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, nullable: true }) authorName!: string | null;
  @ApiProperty() createdAt!: string;
}

export class ConfirmationDto {
  @ApiProperty() criterionId!: string;
  @ApiProperty({ enum: CONFIRMATION_RESULTS }) result!: ConfirmationResult;
  @ApiProperty() note!: string;
  @ApiProperty() updatedAt!: string;
}

export class DeclarationDto {
  @ApiProperty({ example: '山田 太郎' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: '代表取締役' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  title!: string;

  @ApiProperty({ example: '2026-12-01' })
  @MatchesWithin(/^\d{4}-\d{2}-\d{2}$/, 10, { message: 'date must be YYYY-MM-DD' })
  date!: string;
}

export class SubmitDto {
  @ApiProperty({ type: DeclarationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarationDto)
  declaration!: DeclarationDto;
}

export class SubmissionSummaryDto {
  @ApiProperty() round!: number;
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ enum: ['pending', 'returned', 'accepted'] }) outcome!: string;
  @ApiProperty({ type: DeclarationDto }) declaration!: DeclarationDto;
  @ApiProperty({ type: Number, nullable: true }) level!: number | null;
  @ApiProperty() decisionMessage!: string;
}

export class CommentInputDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  criterionId!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  body!: string;
}

export class ReturnDto {
  @ApiProperty({ type: [CommentInputDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CommentInputDto)
  comments!: CommentInputDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  message?: string;
}

export class AcceptDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  message?: string;
}

export class AssignEvaluatorDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'User id of an evaluator of the buyer; null unassigns',
  })
  @IsOptional()
  @IsUUID()
  userId!: string | null;
}

export class ConfirmDto {
  @ApiProperty({ enum: CONFIRMATION_RESULTS })
  @IsIn(CONFIRMATION_RESULTS)
  result!: ConfirmationResult;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  note?: string;
}

export class CriterionViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() groupId!: string;
  @ApiPropertyOptional() requirementId?: string;
  @ApiProperty() level!: number;
  @ApiProperty({ type: LocalizedTextDto }) title!: { ja: string; en: string };
  @ApiProperty({ type: LocalizedTextDto }) explanation!: { ja: string; en: string };
}

export class GroupViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: { ja: string; en: string };
}

export class LevelViewDto {
  @ApiProperty() rank!: number;
  @ApiProperty({ type: LocalizedTextDto }) label!: { ja: string; en: string };
  @ApiProperty() provisional!: boolean;
}

export class AssessmentCatalogueDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: { ja: string; en: string };
  @ApiProperty({ enum: ['levels', 'points', 'checklist'] }) scoring!: string;
  @ApiProperty({ type: [LevelViewDto] }) levels!: LevelViewDto[];
  @ApiProperty({ type: [GroupViewDto] }) groups!: GroupViewDto[];
  @ApiProperty({ type: [CriterionViewDto], description: 'Criteria in scope, official order' })
  criteria!: CriterionViewDto[];
}

export class PartyDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class AssessmentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ASSESSMENT_STATUSES }) status!: AssessmentStatus;
  @ApiProperty() round!: number;
  @ApiProperty({ type: Number, nullable: true }) targetLevel!: number | null;
  @ApiProperty() campaignId!: string;
  @ApiProperty() campaignTitle!: string;
  @ApiProperty() message!: string;
  @ApiProperty() supportOffered!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ type: PartyDto }) buyer!: PartyDto;
  @ApiProperty({ type: PartyDto }) supplier!: PartyDto;
  @ApiProperty({ type: PartyDto, nullable: true }) evaluator!: PartyDto | null;
  @ApiProperty({
    enum: ['supplier', 'guest', 'buyer', 'evaluator', 'upstream'],
    isArray: true,
    description:
      "What the caller is to it. `supplier`: a member of the supplier organization. `guest`: answers this one assessment for the supplier (came in through an emailed link) without being a member. `upstream`: the buyer of the campaign this one was forwarded from, reading with the supplier's `full` consent (read only)",
  })
  viewerRoles!: ('supplier' | 'guest' | 'buyer' | 'evaluator' | 'upstream')[];
  @ApiProperty({
    enum: CONSENT_LEVELS,
    description:
      "What the supplier lets the upstream buyer (its buyer's customer) see: full = answers and evidence, summary = ★ (claimed and confirmed), category rates and the number of open remediation items, none = only counted anonymously in unfiltered totals of at least 5 such suppliers",
  })
  upstreamConsent!: ConsentLevel;
  @ApiProperty({ type: String, nullable: true, description: 'When the consent was last changed' })
  consentUpdatedAt!: string | null;
  @ApiProperty({
    type: PartyDto,
    nullable: true,
    description:
      'For a forwarded campaign: the buyer of the campaign it came from (whom the consent is about)',
  })
  upstreamBuyer!: PartyDto | null;
  @ApiProperty({ type: AssessmentCatalogueDto }) catalogue!: AssessmentCatalogueDto;
  @ApiProperty({ type: [AnswerDto] }) answers!: AnswerDto[];
  @ApiProperty({ type: [SuggestionDto] }) suggestions!: SuggestionDto[];
  @ApiProperty({ type: ScoreDto }) score!: ScoreDto;
  @ApiProperty({ type: [EvidenceDto] }) evidence!: EvidenceDto[];
  @ApiProperty({ type: [ReviewCommentDto] }) comments!: ReviewCommentDto[];
  @ApiProperty({ type: [ConfirmationDto] }) confirmations!: ConfirmationDto[];
  @ApiProperty({ type: [SubmissionSummaryDto] }) submissions!: SubmissionSummaryDto[];
}

export class MyAssessmentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ASSESSMENT_STATUSES }) status!: AssessmentStatus;
  @ApiProperty() campaignTitle!: string;
  @ApiProperty() buyerName!: string;
  @ApiProperty() supplierName!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ type: Number, nullable: true }) targetLevel!: number | null;
  @ApiProperty({ type: Number, nullable: true }) level!: number | null;
  @ApiProperty({
    type: LocalizedTextDto,
    nullable: true,
    description: 'Label of the target level, e.g. ★3 / Lv1',
  })
  targetLabel!: LocalizedTextDto | null;
  @ApiProperty({
    type: LocalizedTextDto,
    nullable: true,
    description: 'Label of the level reached (claimed)',
  })
  levelLabel!: LocalizedTextDto | null;
  @ApiProperty() catalogueId!: string;
  @ApiProperty() answered!: number;
  @ApiProperty() inScope!: number;
  @ApiProperty({ enum: ['supplier', 'buyer', 'evaluator'] }) side!: 'supplier' | 'buyer' | 'evaluator';
}

export class MyAssessmentListDto {
  @ApiProperty({ type: [MyAssessmentDto] }) items!: MyAssessmentDto[];
}

export class RedeemDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;

  @ApiPropertyOptional({
    description:
      'Someone else is signed in on this browser and agreed to be signed out and continue as the person the link was sent to. Without it such a redeem answers 409 ACCESS_LINK_OTHER_ACCOUNT (naming both addresses) and the link stays unused.',
  })
  @IsOptional()
  @IsBoolean()
  switchAccount?: boolean;
}

export class RedeemResultDto {
  @ApiProperty() assessmentId!: string;
  @ApiProperty({ description: 'The person has no password yet and may claim an account' })
  needsPassword!: boolean;
}

export class ImportAnswersResultDto {
  @ApiProperty() applied!: number;
  @ApiProperty({ type: ScoreDto }) score!: ScoreDto;
}
