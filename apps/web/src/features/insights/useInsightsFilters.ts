import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { filterQuery } from './query';
import { CRITICALITIES, type Criticality, type InsightsFilters } from './types';

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
