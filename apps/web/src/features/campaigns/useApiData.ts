import { useEffect, useRef, useState } from 'react';
import { isAbort } from '../../lib/problem';

interface Loaded<T> {
  key: string;
  data?: T;
  error?: unknown;
}

export interface ApiData<T> {
  /** True until the response for the current key arrived. */
  loading: boolean;
  /** The data for the current key; while a new key loads, the previous data (to avoid the page jumping). */
  data: T | undefined;
  error: unknown;
}

/**
 * Runs `request` whenever `key` changes (abandoning the previous one) and keeps its result.
 * `request` resolves the way openapi-fetch does: `{ data }` or `{ error }`.
 */
export function useApiData<T>(
  key: string,
  request: (signal: AbortSignal) => Promise<{ data?: T; error?: unknown }>,
): ApiData<T> {
  const latest = useRef(request);
  useEffect(() => {
    latest.current = request;
  });
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    latest.current(controller.signal).then(
      ({ data, error }) => {
        if (!controller.signal.aborted) setLoaded({ key, data, error });
      },
      (error: unknown) => {
        if (!isAbort(error) && !controller.signal.aborted) setLoaded({ key, error });
      },
    );
    return () => controller.abort();
  }, [key]);

  const current = loaded?.key === key;
  return {
    loading: !current,
    data: loaded?.data,
    error: current && loaded.error !== undefined ? loaded.error : null,
  };
}
