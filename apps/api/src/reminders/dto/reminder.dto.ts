import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { ESCALATION_ROLES, type EscalationRole } from '../calendar/reminder-policy';

export class SendWindowDto {
  @ApiProperty({ minimum: 0, maximum: 23, example: 9, description: 'Tokyo hour, inclusive' })
  startHour!: number;

  @ApiProperty({ minimum: 1, maximum: 24, example: 18, description: 'Tokyo hour, exclusive' })
  endHour!: number;
}

export class EscalationStepDto {
  @ApiProperty({ enum: ESCALATION_ROLES })
  role!: EscalationRole;

  @ApiProperty({ minimum: 0, description: 'Calendar days overdue from which this step is reminded too' })
  escalateAfterDays!: number;
}

/** A campaign's reminder policy as stored and applied (every field present). */
export class ReminderPolicyValueDto {
  @ApiProperty({ type: [Number], example: [7, 1], description: 'Calendar days before the due date' })
  beforeDue!: number[];

  @ApiProperty({ example: 3, description: 'Days between overdue reminders' })
  afterDueEveryDays!: number;

  @ApiProperty({ example: 10, description: 'How many overdue reminders at most' })
  maxAfterDue!: number;

  @ApiProperty({ type: SendWindowDto })
  window!: SendWindowDto;

  @ApiProperty({ description: 'Skip the year-end closure 12/29–1/3' })
  skipYearEnd!: boolean;

  @ApiProperty({ type: [EscalationStepDto] })
  escalation!: EscalationStepDto[];
}

export class ReminderPolicyResponseDto {
  @ApiProperty({ type: ReminderPolicyValueDto })
  policy!: ReminderPolicyValueDto;

  @ApiProperty({ description: 'True while the campaign uses the defaults (nothing saved)' })
  isDefault!: boolean;
}

/**
 * A new policy; fields left out take the defaults. Values are checked by the reminder-policy validator (every
 * problem reported with its field, in Japanese and English), so the DTO only declares the fields.
 */
export class UpdateReminderPolicyDto {
  @ApiPropertyOptional({ type: [Number], example: [7, 1] })
  @Allow()
  beforeDue?: unknown;

  @ApiPropertyOptional({ type: Number, example: 3 })
  @Allow()
  afterDueEveryDays?: unknown;

  @ApiPropertyOptional({ type: Number, example: 10 })
  @Allow()
  maxAfterDue?: unknown;

  @ApiPropertyOptional({ type: SendWindowDto })
  @Allow()
  window?: unknown;

  @ApiPropertyOptional({ type: Boolean })
  @Allow()
  skipYearEnd?: unknown;

  @ApiPropertyOptional({ type: [EscalationStepDto] })
  @Allow()
  escalation?: unknown;
}

export const UPCOMING_SUBJECTS = ['questionnaire', 'remediation'] as const;
export const UPCOMING_KINDS = ['before_due', 'after_due', 'due_soon', 'overdue'] as const;

export class UpcomingReminderDto {
  @ApiProperty({ enum: UPCOMING_SUBJECTS })
  subject!: (typeof UPCOMING_SUBJECTS)[number];

  @ApiProperty({ enum: UPCOMING_KINDS })
  kind!: (typeof UPCOMING_KINDS)[number];

  @ApiProperty({ description: 'When it goes out (business day in Tokyo, inside the send window)' })
  sendAt!: string;

  @ApiProperty({ example: '2027-01-31' })
  dueDate!: string;

  @ApiProperty({ description: 'Calendar days past the due date on the send day (0 before it)' })
  daysOverdue!: number;

  @ApiProperty({ type: String, nullable: true })
  remediationItemId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  criterionId!: string | null;

  @ApiProperty({ enum: ESCALATION_ROLES, isArray: true, description: 'Who is reminded (ladder roles)' })
  recipients!: EscalationRole[];
}

export class UpcomingReminderListDto {
  @ApiProperty({ type: [UpcomingReminderDto] })
  items!: UpcomingReminderDto[];
}
