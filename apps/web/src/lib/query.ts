import { QueryClient } from '@tanstack/react-query';

declare module '@tanstack/react-query' {
  interface Register {
    // A failure is whatever the API client gave: a problem+json body, a network TypeError, or anything else.
    // ErrorMessage and the `code` checks read it as it is, so it is typed as unknown, not Error.
    defaultError: unknown;
  }
}

/**
 * The app's query client. Reads run once per mount and key (no retries, no refetch on focus or reconnect), so
 * what a page shows and when it asks the API is what it was before TanStack Query: a failure is shown at once,
 * with the page's own "try again".
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

/** What an openapi-fetch call resolves to. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The body of a successful openapi-fetch call (undefined for 204); otherwise throws the API's problem+json
 * body as it came, so a query or mutation fails with it and ErrorMessage can word it.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    throw error ?? { status: response.status, code: 'HTTP_ERROR' };
  }
  return data as T;
}
