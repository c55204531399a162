import type { CookieOptions, Response } from 'express';
import type { AppConfig } from '../config/config';
import { CSRF_COOKIE, SESSION_COOKIE } from './auth.types';

export function sessionCookieOptions(config: AppConfig, expires?: Date): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.COOKIE_SECURE,
    path: '/',
    ...(expires ? { expires } : {}),
  };
}

export function setSessionCookie(res: Response, config: AppConfig, token: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(config, expires));
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
