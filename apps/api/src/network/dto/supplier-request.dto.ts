import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '../../assessments/assessment.entity';
import { OrgRefDto } from './network.dto';

export class SupplierRequestAssessmentDto {
  @ApiProperty() campaignTitle!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ enum: ASSESSMENT_STATUSES }) status!: AssessmentStatus;
}

/** A buyer asks to have this organization (by its 法人番号) as a supplier. */
export class SupplierRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: OrgRefDto, description: 'The buyer asking' }) buyer!: OrgRefDto;
  @ApiProperty({ description: 'The name the buyer gave your organization' }) requestedName!: string;
  @ApiProperty() corporateNumber!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The contact the buyer named' })
  contactEmail!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: [SupplierRequestAssessmentDto], description: 'Questionnaires the buyer already sent' })
  assessments!: SupplierRequestAssessmentDto[];
}

export class SupplierRequestListDto {
  @ApiProperty({ type: [SupplierRequestDto] }) items!: SupplierRequestDto[];
}

export class AcceptSupplierRequestDto {
  @ApiPropertyOptional({
    description: "Who answers for you: your own contact instead of the buyer's (default: the buyer's)",
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;
}

export class SupplierRequestDecisionDto {
  @ApiProperty({ description: 'Invitation emails sent to the contact now' }) invitations!: number;
  @ApiProperty({ type: String, nullable: true }) contactEmail!: string | null;
}
