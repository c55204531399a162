import type { Middleware } from 'openapi-fetch';

export const CSRF_HEADER = 'X-CSRF-Token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface CsrfToken {
  /** The current token, fetched once and shared by every request that needs it. */
  get(): Promise<string>;
  /** Forget the token (after login/logout); the next unsafe request fetches a fresh one. */
  reset(): void;
}

/** Keeps one double-submit CSRF token; a failed fetch is not cached, so the next call retries. */
export function createCsrfToken(fetchToken: () => Promise<string>): CsrfToken {
  let pending: Promise<string> | null = null;
  return {
    get() {
      if (!pending) {
        const attempt = fetchToken();
        pending = attempt;
        attempt.catch(() => {
          if (pending === attempt) pending = null;
        });
      }
      return pending;
    },
    reset() {
      pending = null;
    },
  };
}

/** Adds `X-CSRF-Token` to every state-changing request. */
export function csrfMiddleware(token: CsrfToken): Middleware {
  return {
    async onRequest({ request }) {
      if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return undefined;
      request.headers.set(CSRF_HEADER, await token.get());
      return request;
    },
  };
}
