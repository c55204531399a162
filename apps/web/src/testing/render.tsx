import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { initI18n } from '../i18n';
import { createQueryClient } from '../lib/query';

let i18nReady = false;

/** Renders a piece of the app as main.tsx does: its own query client, the router, the translations (ja). */
export function renderApp(ui: ReactNode, { route = '/' }: { route?: string } = {}) {
  if (!i18nReady) {
    initI18n();
    i18nReady = true;
  }
  const queryClient = createQueryClient();
  return {
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
      </QueryClientProvider>,
    ),
  };
}
