import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { unwrap } from '../../lib/query';

/** Query keys of the session. Everything else in the cache belongs to the signed-in user and goes with them. */
export const authKeys = {
  all: ['auth'] as const,
  session: () => [...authKeys.all, 'session'] as const,
};

export type LoadedSession = { status: 'signedOut'; expired: boolean } | { status: 'signedIn'; me: Me };

/** Who is signed in: the user (200), nobody (401), or a failure to tell (anything else). */
export async function fetchSession(signal?: AbortSignal): Promise<LoadedSession> {
  // Prime the CSRF token at startup; a failure here is retried by the first request that needs it.
  void api.csrf.get().catch(() => undefined);
  const { data, response } = await api.client.GET('/api/auth/me', { signal });
  if (data) return { status: 'signedIn', me: data };
  if (response.status === 401) return { status: 'signedOut', expired: false };
  throw new Error(`GET /api/auth/me failed with ${response.status}`);
}

/** The signed-in user as the API sees them now (after a link, an invitation or a login changed the session). */
export function fetchMe(): Promise<Me> {
  return unwrap(api.client.GET('/api/auth/me'));
}

export interface Credentials {
  email: string;
  password: string;
}

export function useLogin() {
  return useMutation({
    mutationFn: (body: Credentials) => unwrap(api.client.POST('/api/auth/login', { body })),
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: async () => {
      try {
        await api.client.POST('/api/auth/logout');
      } catch {
        // Signed out locally either way; the session cookie expires on its own.
      }
    },
  });
}
