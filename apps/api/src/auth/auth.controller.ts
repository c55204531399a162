import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { clearSessionCookie, setCsrfCookie, setSessionCookie } from './auth.cookies';
import { AuthService } from './auth.service';
import { type AuthedRequest, CSRF_COOKIE, SESSION_COOKIE } from './auth.types';
import { CurrentAuth, Public } from './decorators';
import { ClaimAccountDto, CsrfTokenDto, LoginDto, MeDto } from './dto/auth.dto';
import { SessionService } from './session.service';
import { newToken } from './tokens';
import type { AuthContext } from './auth.types';

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

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: MeDto })
  async login(
    @Body() body: LoginDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const { me, ...session } = await this.auth.login(body.email, body.password, {
      ip: req.ip ?? 'unknown',
      userAgent: req.header('user-agent'),
      previousToken: (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE],
    });
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
