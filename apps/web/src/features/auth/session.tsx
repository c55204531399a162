import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { applyAccountLanguage } from '../../i18n';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; expired: boolean }
  | { status: 'signedIn'; me: Me }
  | { status: 'failed'; error: unknown };

interface SessionValue {
  state: SessionState;
  signedIn(me: Me): void;
  logout(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

async function loadSession(): Promise<SessionState> {
  // Prime the CSRF token at startup; a failure here is retried by the first request that needs it.
  void api.csrf.get().catch(() => undefined);
  const { data, response } = await api.client.GET('/api/auth/me');
  if (data) return { status: 'signedIn', me: data };
  if (response.status === 401) return { status: 'signedOut', expired: false };
  throw new Error(`GET /api/auth/me failed with ${response.status}`);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    loadSession().then(
      (next) => live && setState(next),
      (error: unknown) => live && setState({ status: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(
    () =>
      api.onUnauthorized(() =>
        setState((current) =>
          current.status === 'signedIn' ? { status: 'signedOut', expired: true } : current,
        ),
      ),
    [],
  );

  useEffect(() => {
    if (state.status === 'signedIn') applyAccountLanguage(state.me.user.locale);
  }, [state]);

  const signedIn = useCallback((me: Me) => {
    api.csrf.reset(); // the server may tie a new token to the new session
    setState({ status: 'signedIn', me });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.client.POST('/api/auth/logout');
    } catch {
      // Signed out locally either way; the session cookie expires on its own.
    }
    api.csrf.reset();
    setState({ status: 'signedOut', expired: false });
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

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
