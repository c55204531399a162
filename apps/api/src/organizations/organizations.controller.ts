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
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { setSessionCookie } from '../auth/auth.cookies';
import { AuthService } from '../auth/auth.service';
import { type AuthContext, type AuthedRequest, SESSION_COOKIE } from '../auth/auth.types';
import { CurrentAuth, OrgRoles, Public } from '../auth/decorators';
import { MeDto } from '../auth/dto/auth.dto';
import { clientAddress, IpRateLimit } from '../auth/ip-rate-limit';
import { APP_CONFIG, type AppConfig } from '../config/config';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationCreatedDto,
  InvitationPreviewDto,
  InvitationTokenDto,
  MemberListDto,
  OrganizationDto,
  SignupAcceptedDto,
  SignupDto,
  VerifySignupDto,
} from './dto/organization.dto';
import { type ClientContext, OrganizationsService } from './organizations.service';

function clientContext(req: AuthedRequest): ClientContext {
  return {
    ip: clientAddress(req),
    userAgent: req.header('user-agent'),
    previousToken: (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE],
    userId: req.auth?.userId,
  };
}

@ApiTags('organizations')
@Controller()
export class OrganizationsController {
  constructor(
    private readonly orgs: OrganizationsService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Sign-up of a buyer organization and its first admin. Answers 202 and emails a verification link; the
   * account, the organization and the membership are created when the link is used (POST /signup/verify).
   */
  @Public()
  @Post('signup')
  @HttpCode(202)
  @IpRateLimit('signup')
  @ApiAcceptedResponse({ type: SignupAcceptedDto })
  signup(@Body() body: SignupDto): Promise<SignupAcceptedDto> {
    return this.orgs.signup(body);
  }

  /** Confirms the email address of a sign-up (emailed link + the sign-up password) and signs in. */
  @Public()
  @Post('signup/verify')
  @HttpCode(200)
  @IpRateLimit('signup-verify')
  @ApiOkResponse({ type: MeDto })
  async verify(
    @Body() body: VerifySignupDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const { userId, session } = await this.orgs.verifySignup(body, clientContext(req));
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
   * Invites someone by email; the link goes to that mailbox only (never in an answer). Only the organization's
   * admins grant membership: nobody else (no respondent, no guest, no other organization) can add a member.
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

  /** What an invitation link is for, and whether accepting needs signing in to an existing account first. */
  @Public()
  @Post('invitations/preview')
  @HttpCode(200)
  @IpRateLimit('invitation')
  @ApiOkResponse({ type: InvitationPreviewDto })
  preview(@Body() body: InvitationTokenDto, @Req() req: AuthedRequest): Promise<InvitationPreviewDto> {
    return this.orgs.previewInvitation(body.token, clientContext(req));
  }

  /**
   * Accepts an invitation. A new account (name + password) is signed in; an existing account must already be
   * signed in, and only gains the membership.
   */
  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  @IpRateLimit('invitation')
  @ApiOkResponse({ type: MeDto })
  async accept(
    @Body() body: AcceptInvitationDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const { userId, session } = await this.orgs.acceptInvitation(body, clientContext(req));
    if (session) setSessionCookie(res, this.config, session);
    return this.auth.me(userId);
  }
}
