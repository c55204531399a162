import type { Request } from 'express';

export interface AuthContext {
  userId: string;
  sessionId: string;
}

export type AuthedRequest = Request & { auth?: AuthContext; id?: string };

export const SESSION_COOKIE = 'tierstar_session';
export const CSRF_COOKIE = 'tierstar_csrf';
export const CSRF_HEADER = 'x-csrf-token';
