import { useTranslation } from 'react-i18next';
import { localized } from '../../lib/format';
import { useCatalogueLevelList } from './api';
import type { CatalogueLevel } from './types';

export interface CatalogueLevels {
  levels: readonly CatalogueLevel[];
  /** The catalogue's own label for a rank (★3 (Basic), Lv2, …); a dash for none. */
  label(rank: number | null | undefined): string;
}

/** The level labels of a campaign's catalogue (★3/★4 for METI, Lv1–3 for JAMA). */
export function useCatalogueLevels(
  catalogueId: string | undefined,
  version: string | undefined,
): CatalogueLevels {
  const { t, i18n } = useTranslation('campaigns');
  const levels = useCatalogueLevelList(catalogueId, version).data ?? [];
  return {
    levels,
    label(rank) {
      if (rank === null || rank === undefined) return t('common.dash');
      const level = levels.find((l) => l.rank === rank);
      return level ? localized(level.label, i18n.resolvedLanguage) : t('common.levelRank', { rank });
    },
  };
}
