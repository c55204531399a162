import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { NetworkPage, Tier } from '../../api/types';
import { isAbort } from '../../lib/problem';

export const PAGE_SIZE = 25;

export interface NetworkRequest {
  orgId: string;
  tier: Tier;
  q: string;
  cursor: string | undefined;
  /** Bump to fetch the same page again (e.g. after adding a supplier). */
  reload: number;
}

interface Loaded {
  key: string;
  page?: NetworkPage;
  error?: unknown;
}

export interface NetworkPageState {
  loading: boolean;
  /** The latest page received; while loading, the previous one (to avoid the list jumping). */
  page: NetworkPage | undefined;
  error: unknown;
}

export function useNetworkPage({ orgId, tier, q, cursor, reload }: NetworkRequest): NetworkPageState {
  const key = JSON.stringify([orgId, tier, q, cursor ?? null, reload]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.client
      .GET('/api/orgs/{orgId}/network', {
        params: {
          path: { orgId },
          query: { tier, limit: PAGE_SIZE, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) },
        },
        signal: controller.signal,
      })
      .then(
        ({ data, error }) => setLoaded({ key, page: data, error }),
        (error: unknown) => {
          if (!isAbort(error) && !controller.signal.aborted) setLoaded({ key, error });
        },
      );
    return () => controller.abort();
  }, [key, orgId, tier, q, cursor]);

  const current = loaded?.key === key;
  return {
    loading: !current,
    page: loaded?.page,
    error: current && loaded?.error !== undefined ? loaded.error : null,
  };
}
