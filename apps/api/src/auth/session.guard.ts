import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { ProblemException } from '../common/problem';
import { type AuthedRequest, SESSION_COOKIE } from './auth.types';
import { API_TOKEN_KEY, PUBLIC_KEY } from './decorators';
import { SessionService } from './session.service';

export const authRequired = () =>
  new ProblemException(401, 'AUTH_REQUIRED', { ja: 'ログインしてください。', en: 'Please log in.' });

/**
 * Resolves the session cookie on every request; refuses non-public routes without a live session. On routes
 * marked @ApiTokenReadable, a GET may instead carry an organization's API token as a bearer token.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly apiTokens: ApiTokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (token) {
      const auth = await this.sessions.resolve(token);
      if (auth) req.auth = auth;
    }
    const targets = [context.getHandler(), context.getClass()];
    if (
      !req.auth &&
      req.method === 'GET' &&
      this.reflector.getAllAndOverride<boolean>(API_TOKEN_KEY, targets)
    ) {
      const header = req.header('authorization') ?? '';
      // Length first: API tokens are short, so a longer header is no token and meets no pattern.
      const bearer = header.length <= 256 ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
      const apiToken = bearer ? await this.apiTokens.resolve(bearer) : null;
      if (apiToken) req.apiToken = apiToken;
    }
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    if (!isPublic && !req.auth && !req.apiToken) throw authRequired();
    return true;
  }
}
