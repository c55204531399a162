import { useTranslation } from 'react-i18next';
import { categoryRate, levelLabel, percent } from './format';
import type { CategoryTally, Consent, HeatmapCatalogue } from './types';

/** A level as the catalogue names it (★3, Lv2…); a dash for none. */
export function useLevelLabel(catalogue: Pick<HeatmapCatalogue, 'levels'> | null | undefined) {
  const { t, i18n } = useTranslation('insights');
  return (rank: number | null | undefined): string => {
    if (rank === null || rank === undefined) return t('common.dash');
    return levelLabel(catalogue, rank, i18n.resolvedLanguage) ?? t('common.levelRank', { rank });
  };
}

/** How much the viewer may see of a supplier: its own (direct), full answers or a summary. */
export function ConsentBadge({ consent }: { consent: Consent }) {
  const { t } = useTranslation('insights');
  return (
    <span className={`badge consent-badge consent-${consent}`} title={t(`consent.${consent}Help`)}>
      {t(`consent.${consent}`)}
    </span>
  );
}

/** `3/4 (75%)` for one category; a dash when nothing applies. */
export function CategoryValue({ tally }: { tally: CategoryTally | undefined }) {
  const { t, i18n } = useTranslation('insights');
  const rate = categoryRate(tally);
  if (rate === null || !tally) return <span className="muted">{t('common.dash')}</span>;
  return (
    <span className="category-value">
      <strong>{percent(rate, i18n.resolvedLanguage)}</strong>{' '}
      <span className="muted">{t('common.metOf', { met: tally.met, applicable: tally.applicable })}</span>
    </span>
  );
}

/** Open and overdue remediation counts, overdue emphasised. */
export function RemediationCounts({ open, overdue }: { open: number; overdue: number }) {
  const { t } = useTranslation('insights');
  return (
    <span className="remediation-counts">
      {t('remediation.openCount', { count: open })}
      {overdue > 0 && (
        <>
          {' '}
          <span className="badge badge-warning">{t('remediation.overdueCount', { count: overdue })}</span>
        </>
      )}
    </span>
  );
}
