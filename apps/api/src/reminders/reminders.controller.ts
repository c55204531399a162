import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth, OrgRoles } from '../auth/decorators';
import {
  ReminderPolicyResponseDto,
  UpcomingReminderListDto,
  UpdateReminderPolicyDto,
} from './dto/reminder.dto';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@Controller()
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  /** The campaign's reminder and escalation policy (the defaults until one is saved). */
  @Get('orgs/:orgId/campaigns/:campaignId/reminder-policy')
  @OrgRoles('admin', 'procurement')
  @ApiOkResponse({ type: ReminderPolicyResponseDto })
  getPolicy(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('campaignId') campaignId: string,
  ): Promise<ReminderPolicyResponseDto> {
    return this.reminders.getPolicy(orgId, campaignId);
  }

  /** Replaces the policy; fields left out take the defaults. Invalid values: 400 REMINDER_POLICY_INVALID. */
  @Put('orgs/:orgId/campaigns/:campaignId/reminder-policy')
  @OrgRoles('admin', 'procurement')
  @ApiOkResponse({ type: ReminderPolicyResponseDto })
  putPolicy(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('campaignId') campaignId: string,
    @CurrentAuth() auth: AuthContext,
    @Body() body: UpdateReminderPolicyDto,
  ): Promise<ReminderPolicyResponseDto> {
    return this.reminders.putPolicy(orgId, campaignId, auth.userId, body);
  }

  /** Reminders still to come for this assessment and its open remediation items, soonest first. */
  @Get('assessments/:assessmentId/reminders')
  @ApiOkResponse({ type: UpcomingReminderListDto })
  upcoming(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') assessmentId: string,
  ): Promise<UpcomingReminderListDto> {
    return this.reminders.upcoming(auth.userId, assessmentId);
  }
}
