import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isAbort } from '../../lib/problem';
import { api } from '../../api/client';
import { filterQuery } from './query';
import {
  CRITICALITIES,
  type Criticality,
  type InsightsFilters,
  type InsightSupplier,
  type SortKey,
  type SortOrder,
  type Tier,
} from './types';

const FILTER_KEYS = ['campaignId', 'tag', 'criticality', 'region'] as const;

function isCriticality(value: string | null): value is Criticality {
  return CRITICALITIES.some((c) => c === value);
}

/** The page's filters live in the URL (shareable, kept on reload and back). */
export function useInsightsFilters(): [InsightsFilters, (next: InsightsFilters) => void] {
  const [params, setParams] = useSearchParams();
  const key = FILTER_KEYS.map((k) => params.get(k) ?? '').join('\u0000');
  const filters = useMemo(() => {
    const [campaignId, tag, criticality, region] = key.split('\u0000');
    return filterQuery({
      campaignId,
      tag,
      region,
      ...(isCriticality(criticality ?? null) ? { criticality: criticality as Criticality } : {}),
    });
  }, [key]);
  const update = useCallback(
    (next: InsightsFilters) => {
      const query = filterQuery(next);
      setParams(
        new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => !!entry[1])),
        { replace: true },
      );
    },
    [setParams],
  );
  return [filters, update];
}

export const SUPPLIER_PAGE_SIZE = 50;

export interface SupplierRows {
  loading: boolean;
  items: readonly InsightSupplier[];
  total: number;
  /** null: not revealed (a filter is set, or too few to say; see the API's k-anonymity rules). */
  hiddenByConsent: number | null;
  hasMore: boolean;
  loadingMore: boolean;
  error: unknown;
  moreError: unknown;
  loadMore(): void;
}

interface PageQuery {
  orgId: string;
  filters: InsightsFilters;
  tier: Tier;
  sort: SortKey;
  order: SortOrder;
}

function fetchPage(
  { orgId, filters, tier, sort, order }: PageQuery,
  cursor: string | undefined,
  signal: AbortSignal,
) {
  return api.client.GET('/api/orgs/{orgId}/insights/suppliers', {
    params: {
      path: { orgId },
      query: { ...filters, tier, sort, order, limit: SUPPLIER_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
    },
    signal,
  });
}

interface Loaded {
  key: string;
  items: InsightSupplier[];
  nextCursor: string | null;
  total: number;
  hiddenByConsent: number | null;
}

/** One tier's suppliers, sorted by the API, page by page along the keyset cursor ("show more" appends). */
export function useSupplierRows(query: PageQuery): SupplierRows {
  const key = JSON.stringify(query);
  const latest = useRef(query);
  useEffect(() => {
    latest.current = query;
  });
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
    fetchPage(latest.current, undefined, controller.signal).then(
      ({ data, error: problem }) => {
        if (controller.signal.aborted) return;
        if (data)
          setLoaded({
            key,
            items: data.items,
            nextCursor: data.nextCursor,
            total: data.total,
            hiddenByConsent: data.hiddenByConsent,
          });
        else setError({ key, error: problem });
      },
      (failure: unknown) => {
        if (!isAbort(failure) && !controller.signal.aborted) setError({ key, error: failure });
      },
    );
    return () => controller.abort();
  }, [key]);

  useEffect(() => () => moreController.current?.abort(), []);

  const current = loaded?.key === key ? loaded : null;
  const cursor = current?.nextCursor ?? null;

  const loadMore = useCallback(() => {
    if (!cursor) return;
    moreController.current?.abort();
    const controller = new AbortController();
    moreController.current = controller;
    setMore({ key, loading: true, error: null });
    fetchPage(latest.current, cursor, controller.signal).then(
      ({ data, error: problem }) => {
        if (controller.signal.aborted) return;
        if (data) {
          setLoaded((prev) =>
            prev && prev.key === key
              ? {
                  key,
                  items: [
                    ...prev.items,
                    ...data.items.filter((r) => !prev.items.some((p) => p.supplierId === r.supplierId)),
                  ],
                  nextCursor: data.nextCursor,
                  total: data.total,
                  hiddenByConsent: data.hiddenByConsent,
                }
              : prev,
          );
          setMore({ key, loading: false, error: null });
        } else setMore({ key, loading: false, error: problem });
      },
      (failure: unknown) => {
        if (!isAbort(failure) && !controller.signal.aborted) setMore({ key, loading: false, error: failure });
      },
    );
  }, [key, cursor]);

  const moreCurrent = more.key === key;
  return {
    loading: !current && error?.key !== key,
    items: current?.items ?? [],
    total: current?.total ?? 0,
    hiddenByConsent: current ? current.hiddenByConsent : 0,
    hasMore: cursor !== null,
    loadingMore: moreCurrent && more.loading,
    error: error?.key === key ? error.error : null,
    moreError: moreCurrent ? more.error : null,
    loadMore,
  };
}
