import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { ProblemException } from '../common/problem';
import { type AuthedRequest, CSRF_COOKIE, CSRF_HEADER } from './auth.types';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit check for every state-changing request: the X-CSRF-Token header must equal the
 * tierstar_csrf cookie. Another site can make the browser send the cookie but cannot read it to set the
 * header. (Session cookies are also SameSite=Lax.)
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    if (SAFE.has(req.method)) return true;
    const cookie = (req.cookies as Record<string, string> | undefined)?.[CSRF_COOKIE] ?? '';
    const header = req.header(CSRF_HEADER) ?? '';
    const ok =
      cookie.length >= 32 &&
      cookie.length === header.length &&
      timingSafeEqual(Buffer.from(cookie), Buffer.from(header));
    if (!ok) {
      throw new ProblemException(403, 'CSRF_FAILED', {
        ja: 'ページを再読み込みしてからもう一度お試しください。',
        en: 'Please reload the page and try again (missing or wrong CSRF token).',
      });
    }
    return true;
  }
}
