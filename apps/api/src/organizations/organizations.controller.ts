import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { setSessionCookie } from '../auth/auth.cookies';
import { AuthService } from '../auth/auth.service';
import type { AuthContext, AuthedRequest } from '../auth/auth.types';
import { CurrentAuth, OrgRoles, Public } from '../auth/decorators';
import { MeDto } from '../auth/dto/auth.dto';
import { APP_CONFIG, type AppConfig } from '../config/config';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationCreatedDto,
  MemberListDto,
  OrganizationDto,
  SignupDto,
} from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller()
export class OrganizationsController {
  constructor(
    private readonly orgs: OrganizationsService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sign-up of a buyer organization and its first admin. */
  @Public()
  @Post('signup')
  @ApiCreatedResponse({ type: MeDto })
  async signup(
    @Body() body: SignupDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const { userId, ...session } = await this.orgs.signup(body, req.header('user-agent'));
    setSessionCookie(res, this.config, session);
    return this.auth.me(userId);
  }

  @Get('orgs/:orgId')
  @OrgRoles()
  @ApiOkResponse({ type: OrganizationDto })
  get(@Param('orgId', ParseUUIDPipe) orgId: string): Promise<OrganizationDto> {
    return this.orgs.get(orgId);
  }

  /** Members of the organization (e.g. evaluators to assign to an assessment). */
  @Get('orgs/:orgId/members')
  @OrgRoles('admin', 'procurement')
  @ApiOkResponse({ type: MemberListDto })
  members(@Param('orgId', ParseUUIDPipe) orgId: string): Promise<MemberListDto> {
    return this.orgs.members(orgId);
  }

  /**
   * Invites someone by email (the link is emailed and also returned once). Only the organization's admins
   * grant membership: nobody else (no respondent, no guest, no other organization) can add a member.
   */
  @Post('orgs/:orgId/invitations')
  @OrgRoles('admin')
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  invite(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @CurrentAuth() auth: AuthContext,
    @Body() body: CreateInvitationDto,
  ): Promise<InvitationCreatedDto> {
    return this.orgs.invite(orgId, auth.userId, body);
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: MeDto })
  async accept(
    @Body() body: AcceptInvitationDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const { userId, ...session } = await this.orgs.acceptInvitation(body, req.header('user-agent'));
    setSessionCookie(res, this.config, session);
    return this.auth.me(userId);
  }
}
