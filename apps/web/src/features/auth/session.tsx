import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { applyAccountLanguage } from '../../i18n';
import { authKeys, fetchSession, type LoadedSession, useLogout } from './api';

export type SessionState = { status: 'loading' } | LoadedSession | { status: 'failed'; error: unknown };

interface SessionValue {
  state: SessionState;
  signedIn(me: Me): void;
  logout(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Drops every cached read except the session's own: they belong to the user who is leaving. */
function forgetUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // The session is loaded once and then changed only by what happens here (login, logout, a 401).
  const session = useQuery({
    queryKey: authKeys.session(),
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: Infinity,
    gcTime: Infinity,
  });
  const { mutateAsync: signOut } = useLogout();

  const { isPending, isError, error, data } = session;
  const state = useMemo<SessionState>(
    () =>
      isPending
        ? { status: 'loading' }
        : isError
          ? { status: 'failed', error }
          : (data ?? { status: 'loading' }),
    [isPending, isError, error, data],
  );

  useEffect(
    () =>
      api.onUnauthorized(() =>
        queryClient.setQueryData<LoadedSession>(authKeys.session(), (current) =>
          current?.status === 'signedIn' ? { status: 'signedOut', expired: true } : current,
        ),
      ),
    [queryClient],
  );

  useEffect(() => {
    if (state.status === 'signedIn') applyAccountLanguage(state.me.user.locale);
  }, [state]);

  const signedIn = useCallback(
    (me: Me) => {
      api.csrf.reset(); // the server may tie a new token to the new session
      const previous = queryClient.getQueryData<LoadedSession>(authKeys.session());
      if (previous?.status !== 'signedIn' || previous.me.user.id !== me.user.id) forgetUserData(queryClient);
      const next: LoadedSession = { status: 'signedIn', me };
      queryClient.setQueryData(authKeys.session(), next);
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    await signOut();
    api.csrf.reset();
    const next: LoadedSession = { status: 'signedOut', expired: false };
    queryClient.setQueryData(authKeys.session(), next);
    forgetUserData(queryClient);
  }, [queryClient, signOut]);

  const retry = useCallback(() => {
    void queryClient.resetQueries({ queryKey: authKeys.session() });
  }, [queryClient]);

  const value = useMemo(() => ({ state, signedIn, logout, retry }), [state, signedIn, logout, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only call below <RequireAuth>. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe needs a signed-in session');
  return state.me;
}
