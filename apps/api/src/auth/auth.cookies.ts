import type { CookieOptions, Response } from 'express';
import type { AppConfig } from '../config/config';
import type { NewSession } from './session.service';
import { CSRF_COOKIE, SESSION_COOKIE } from './auth.types';

export function sessionCookieOptions(config: AppConfig, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.COOKIE_SECURE,
    path: '/',
    ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
  };
}

/**
 * The session cookie lives as long as the session: a Max-Age (relative, so the browser's own clock and the
 * server's Clock never have to agree on the date); the session row's `expires_at` is what counts.
 */
export function setSessionCookie(res: Response, config: AppConfig, session: NewSession): void {
  res.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(config, session.maxAgeMs));
}

export function clearSessionCookie(res: Response, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
}

/** The CSRF cookie is readable by the page's script on purpose (double-submit). */
export function setCsrfCookie(res: Response, config: AppConfig, token: string): void {
  res.cookie(CSRF_COOKIE, token, {
    httpOnly: false,
    sameSite: 'strict',
    secure: config.COOKIE_SECURE,
    path: '/',
  });
}
