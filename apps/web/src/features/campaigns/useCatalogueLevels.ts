import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { localized } from './format';
import type { CatalogueLevel } from './types';
import { useApiData } from './useApiData';

export interface CatalogueLevels {
  levels: readonly CatalogueLevel[];
  /** The catalogue's own label for a rank (★3 (Basic), Lv2, …); a dash for none. */
  label(rank: number | null | undefined): string;
}

async function fetchLevels(id: string, version: string, signal: AbortSignal) {
  const get = (v: string) =>
    api.client.GET('/api/catalogues/{id}/versions/{version}', {
      params: { path: { id, version: v } },
      signal,
    });
  const exact = await get(version);
  if (exact.data) return { data: exact.data.levels };
  // An imported version of a built-in catalogue: the built-in one has the same levels.
  const latest = await get('latest');
  return latest.data ? { data: latest.data.levels } : { error: exact.error };
}

/** The level labels of a campaign's catalogue (★3/★4 for METI, Lv1–3 for JAMA). */
export function useCatalogueLevels(
  catalogueId: string | undefined,
  version: string | undefined,
): CatalogueLevels {
  const { t, i18n } = useTranslation('campaigns');
  const { data } = useApiData(JSON.stringify([catalogueId, version]), (signal) =>
    catalogueId && version ? fetchLevels(catalogueId, version, signal) : Promise.resolve({ data: undefined }),
  );
  const levels = data ?? [];
  return {
    levels,
    label(rank) {
      if (rank === null || rank === undefined) return t('common.dash');
      const level = levels.find((l) => l.rank === rank);
      return level ? localized(level.label, i18n.resolvedLanguage) : t('common.levelRank', { rank });
    },
  };
}
