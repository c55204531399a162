import { describe, expect, it } from '@jest/globals';
import { createApi } from './client';
import { CSRF_HEADER } from './csrf';

interface Seen {
  method: string;
  path: string;
  csrf: string | null;
  credentials: RequestCredentials;
}

function fakeServer(handle: (request: Request) => Response = () => json({})) {
  const seen: Seen[] = [];
  let tokens = 0;
  const fetch = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    seen.push({
      method: request.method,
      path,
      csrf: request.headers.get(CSRF_HEADER),
      credentials: request.credentials,
    });
    if (path === '/api/auth/csrf') return json({ token: `token-${++tokens}` });
    return handle(request);
  };
  return { seen, fetch };
}

function json(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

const me = {
  user: { id: 'u1', email: 'a@example.jp', name: '山田', locale: 'ja' },
  memberships: [{ organizationId: 'o1', organizationName: '自動車', role: 'procurement' }],
};

describe('api client', () => {
  it('fetches the CSRF token once and sends it on every unsafe request', async () => {
    const server = fakeServer(() => json(me));
    const { client } = createApi({ baseUrl: 'http://localhost', fetch: server.fetch });

    await client.POST('/api/auth/login', { body: { email: 'a@example.jp', password: 'pw' } });
    await client.POST('/api/auth/logout');

    expect(server.seen.map((r) => [r.method, r.path, r.csrf])).toEqual([
      ['GET', '/api/auth/csrf', null],
      ['POST', '/api/auth/login', 'token-1'],
      ['POST', '/api/auth/logout', 'token-1'],
    ]);
  });

  it('does not send the token on GET requests and includes credentials', async () => {
    const server = fakeServer(() => json(me));
    const { client } = createApi({ baseUrl: 'http://localhost', fetch: server.fetch });

    await client.GET('/api/auth/me');

    expect(server.seen).toEqual([
      { method: 'GET', path: '/api/auth/me', csrf: null, credentials: 'include' },
    ]);
  });

  it('fetches a fresh token after reset', async () => {
    const server = fakeServer();
    const { client, csrf } = createApi({ baseUrl: 'http://localhost', fetch: server.fetch });

    await client.POST('/api/auth/logout');
    csrf.reset();
    await client.POST('/api/auth/logout');

    expect(server.seen.filter((r) => r.method === 'POST').map((r) => r.csrf)).toEqual(['token-1', 'token-2']);
  });

  it('returns problem+json bodies as typed errors', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'Wrong email or password',
      code: 'AUTH_INVALID_CREDENTIALS',
    };
    const server = fakeServer(() => json(problem, 401, 'application/problem+json'));
    const { client } = createApi({ baseUrl: 'http://localhost', fetch: server.fetch });

    const result = await client.POST('/api/auth/login', { body: { email: 'a@example.jp', password: 'x' } });

    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(problem);
  });

  it('sends the UI language as Accept-Language', async () => {
    const languages: Array<string | null> = [];
    let language = 'ja';
    const api = createApi({
      baseUrl: 'http://localhost',
      language: () => language,
      fetch: async (request) => {
        languages.push(request.headers.get('Accept-Language'));
        return json(me);
      },
    });

    await api.client.GET('/api/auth/me');
    language = 'en';
    await api.client.GET('/api/auth/me');

    expect(languages).toEqual(['ja', 'en']);
  });

  it('tells listeners when the session has ended, but not for a failed login', async () => {
    const server = fakeServer(() => json({ status: 401, code: 'AUTH_REQUIRED' }, 401));
    const api = createApi({ baseUrl: 'http://localhost', fetch: server.fetch });
    let ended = 0;
    api.onUnauthorized(() => ended++);

    await api.client.POST('/api/auth/login', { body: { email: 'a@example.jp', password: 'x' } });
    expect(ended).toBe(0);
    await api.client.GET('/api/auth/me');
    expect(ended).toBe(1);
  });
});
