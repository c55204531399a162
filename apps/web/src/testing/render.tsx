import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { Me } from '../api/types';
import { authKeys, type LoadedSession } from '../features/auth/api';
import { SessionProvider } from '../features/auth/session';
import { initI18n } from '../i18n';
import { createQueryClient } from '../lib/query';

let i18nReady = false;

/**
 * Renders a piece of the app as main.tsx does: its own query client, the router, the translations (ja), and,
 * given `me`, a signed-in session. With `path`, the piece is the page of that route pattern (its params).
 */
export function renderApp(
  ui: ReactNode,
  { route = '/', path, me }: { route?: string; path?: string; me?: Me } = {},
) {
  if (!i18nReady) {
    initI18n();
    i18nReady = true;
  }
  const queryClient = createQueryClient();
  if (me) {
    const session: LoadedSession = { status: 'signedIn', me };
    queryClient.setQueryData(authKeys.session(), session);
  }
  const page = path ? (
    <Routes>
      <Route path={path} element={ui} />
    </Routes>
  ) : (
    ui
  );
  return {
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <MemoryRouter initialEntries={[route]}>{page}</MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>,
    ),
  };
}
