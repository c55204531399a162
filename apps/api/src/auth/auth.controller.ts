import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { clearSessionCookie, setCsrfCookie, setSessionCookie } from './auth.cookies';
import { AuthService, type LoginContext } from './auth.service';
import { type AuthContext, type AuthedRequest, CSRF_COOKIE, SESSION_COOKIE } from './auth.types';
import { CurrentAuth, Public } from './decorators';
import {
  ChangePasswordDto,
  ClaimAccountDto,
  CsrfTokenDto,
  LoginDto,
  MeDto,
  SessionsEndedDto,
} from './dto/auth.dto';
import { clientAddress } from './ip-rate-limit';
import { SessionService } from './session.service';
import { newToken } from './tokens';

function loginContext(req: AuthedRequest): LoginContext {
  return {
    ip: clientAddress(req),
    userAgent: req.header('user-agent'),
    previousToken: (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE],
  };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Issues (or repeats) the CSRF token; send it back as X-CSRF-Token on every state-changing request. */
  @Public()
  @Get('csrf')
  @ApiOkResponse({ type: CsrfTokenDto })
  csrf(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): CsrfTokenDto {
    const existing = (req.cookies as Record<string, string> | undefined)?.[CSRF_COOKIE];
    const token = existing && existing.length >= 32 ? existing : newToken();
    setCsrfCookie(res, this.config, token);
    return { token };
  }

  /** Signs in a verified account. Rate-limited per address, per account and per account+address (back-off). */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: MeDto })
  async login(
    @Body() body: LoginDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const { me, ...session } = await this.auth.login(body.email, body.password, loginContext(req));
    setSessionCookie(res, this.config, session);
    return me;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiCookieAuth()
  async logout(@CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.revoke(auth.sessionId);
    clearSessionCookie(res, this.config);
  }

  /** Signs out on every device: every session of the account ends, this one included. */
  @Post('logout-everywhere')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOkResponse({ type: SessionsEndedDto })
  async logoutEverywhere(
    @CurrentAuth() auth: AuthContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionsEndedDto> {
    const ended = await this.auth.signOutEverywhere(auth.userId);
    clearSessionCookie(res, this.config);
    return { ended };
  }

  /**
   * Changes the password (the current one is required). Every session of the account ends; this browser gets
   * a new one.
   */
  @Post('password')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiNoContentResponse()
  async changePassword(
    @CurrentAuth() auth: AuthContext,
    @Body() body: ChangePasswordDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const session = await this.auth.changePassword(
      auth.userId,
      body.currentPassword,
      body.newPassword,
      loginContext(req),
    );
    setSessionCookie(res, this.config, session);
  }

  @Get('me')
  @ApiCookieAuth()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentAuth() auth: AuthContext): Promise<MeDto> {
    return this.auth.me(auth.userId);
  }

  /** After signing in through an emailed link: set a name and a password to come back later. */
  @Post('claim')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOkResponse({ type: MeDto })
  claim(@CurrentAuth() auth: AuthContext, @Body() body: ClaimAccountDto): Promise<MeDto> {
    return this.auth.claim(auth.userId, body.name, body.password);
  }
}
