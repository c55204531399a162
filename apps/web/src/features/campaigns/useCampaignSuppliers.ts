import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { isAbort } from '../../lib/problem';
import type { AssessmentStatus, CampaignSupplier } from './types';

export const SUPPLIER_PAGE_SIZE = 50;

interface Loaded {
  key: string;
  items: CampaignSupplier[];
  nextCursor: string | null;
  total: number;
}

export interface CampaignSuppliers {
  /** True until the first page for the current campaign (and reload) arrived. */
  loading: boolean;
  items: readonly CampaignSupplier[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  /** Why the first page failed. */
  error: unknown;
  /** Why "load more" failed (the rows already shown stay). */
  moreError: unknown;
  loadMore(): void;
  /** Put a row the API sent back (after a change) in place of the old one. */
  replace(row: CampaignSupplier): void;
}

function fetchPage(
  orgId: string,
  campaignId: string,
  status: AssessmentStatus | undefined,
  cursor: string | undefined,
  signal: AbortSignal,
) {
  return api.client.GET('/api/orgs/{orgId}/campaigns/{campaignId}/suppliers', {
    params: {
      path: { orgId, campaignId },
      query: { limit: SUPPLIER_PAGE_SIZE, ...(cursor ? { cursor } : {}), ...(status ? { status } : {}) },
    },
    signal,
  });
}

/**
 * A campaign's suppliers, page by page along the keyset cursor ("load more" appends), optionally only those
 * whose assessment has `status` (filtered by the API, so totals and pages are right).
 */
export function useCampaignSuppliers(
  orgId: string,
  campaignId: string,
  reload: number,
  status?: AssessmentStatus,
): CampaignSuppliers {
  const key = JSON.stringify([orgId, campaignId, reload, status ?? null]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<{ key: string; error: unknown } | null>(null);
  const [more, setMore] = useState<{ key: string; loading: boolean; error: unknown }>({
    key: '',
    loading: false,
    error: null,
  });
  const moreController = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    fetchPage(orgId, campaignId, status, undefined, controller.signal).then(
      ({ data, error: problem }) => {
        if (controller.signal.aborted) return;
        if (data) setLoaded({ key, items: data.items, nextCursor: data.nextCursor, total: data.total });
        else setError({ key, error: problem });
      },
      (failure: unknown) => {
        if (!isAbort(failure) && !controller.signal.aborted) setError({ key, error: failure });
      },
    );
    return () => controller.abort();
  }, [key, orgId, campaignId, status]);

  useEffect(() => () => moreController.current?.abort(), []);

  const current = loaded?.key === key ? loaded : null;
  const cursor = current?.nextCursor ?? null;

  const loadMore = useCallback(() => {
    if (!cursor) return;
    moreController.current?.abort();
    const controller = new AbortController();
    moreController.current = controller;
    setMore({ key, loading: true, error: null });
    fetchPage(orgId, campaignId, status, cursor, controller.signal).then(
      ({ data, error: problem }) => {
        if (controller.signal.aborted) return;
        if (data) {
          setLoaded((prev) =>
            prev && prev.key === key
              ? {
                  key,
                  // A row may already be there if it was added while paging; keep the first copy.
                  items: [
                    ...prev.items,
                    ...data.items.filter((r) => !prev.items.some((p) => p.supplierId === r.supplierId)),
                  ],
                  nextCursor: data.nextCursor,
                  total: data.total,
                }
              : prev,
          );
          setMore({ key, loading: false, error: null });
        } else {
          setMore({ key, loading: false, error: problem });
        }
      },
      (failure: unknown) => {
        if (!isAbort(failure) && !controller.signal.aborted) setMore({ key, loading: false, error: failure });
      },
    );
  }, [key, orgId, campaignId, status, cursor]);

  const replace = useCallback((row: CampaignSupplier) => {
    setLoaded((prev) =>
      prev ? { ...prev, items: prev.items.map((r) => (r.supplierId === row.supplierId ? row : r)) } : prev,
    );
  }, []);

  const moreCurrent = more.key === key;
  return {
    loading: !current && error?.key !== key,
    items: current?.items ?? [],
    total: current?.total ?? 0,
    hasMore: cursor !== null,
    loadingMore: moreCurrent && more.loading,
    error: error?.key === key ? error.error : null,
    moreError: moreCurrent ? more.error : null,
    loadMore,
    replace,
  };
}
