import type { Request } from 'express';

export interface AuthContext {
  userId: string;
  sessionId: string;
}

/** A BI client signed in with an organization's read-only API token (no person, no session). */
export interface ApiTokenContext {
  tokenId: string;
  organizationId: string;
}

export type AuthedRequest = Request & { auth?: AuthContext; apiToken?: ApiTokenContext; id?: string };

export const SESSION_COOKIE = 'tierstar_session';
export const CSRF_COOKIE = 'tierstar_csrf';
export const CSRF_HEADER = 'x-csrf-token';
