import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { createCsrfToken, csrfMiddleware, type CsrfToken } from './csrf';
import type { paths } from './schema';

export interface ApiClientOptions {
  /** Origin to call; the SPA is served by the API itself, so the default is the page's own origin. */
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
  /** UI language, sent as Accept-Language so the API words `detail` and row errors the same way. */
  language?: () => string | undefined;
}

const pageLanguage = () => globalThis.document?.documentElement.lang || undefined;

export interface Api {
  client: Client<paths>;
  csrf: CsrfToken;
  /** Called when a request comes back 401 (the session ended), except for the login attempt itself. */
  onUnauthorized(listener: () => void): () => void;
}

export function createApi(options: ApiClientOptions = {}): Api {
  const client = createClient<paths>({
    // The page's own origin; an absolute base also lets the client run where relative URLs do not (jsdom).
    baseUrl: options.baseUrl ?? globalThis.location?.origin ?? '',
    credentials: 'include',
    // Looked up on each call, so a test can put its own transport in place of the page's fetch.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
  });

  const csrf = createCsrfToken(async () => {
    const { data } = await client.GET('/api/auth/csrf');
    if (!data?.token) throw new Error('Could not get a CSRF token');
    return data.token;
  });

  const language = options.language ?? pageLanguage;
  const acceptLanguage: Middleware = {
    onRequest({ request }) {
      const lang = language();
      if (lang && !request.headers.has('Accept-Language')) request.headers.set('Accept-Language', lang);
      return request;
    },
  };

  const listeners = new Set<() => void>();
  const sessionWatch: Middleware = {
    onResponse({ request, response }) {
      if (response.status !== 401) return undefined;
      if (new URL(request.url).pathname === '/api/auth/login') return undefined;
      for (const listener of listeners) listener();
      return undefined;
    },
  };

  client.use(acceptLanguage, csrfMiddleware(csrf), sessionWatch);

  return {
    client,
    csrf,
    onUnauthorized(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The app-wide API instance. */
export const api = createApi();
