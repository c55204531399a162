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

/**
 * `75% (3 of 4)` for one category; the rate alone when the supplier shares a summary only (no counts); a dash
 * when nothing applies.
 */
export function CategoryValue({
  tally,
  rate: sharedRate,
}: {
  tally: CategoryTally | null | undefined;
  rate?: number | null | undefined;
}) {
  const { t, i18n } = useTranslation('insights');
  const rate = tally ? categoryRate(tally) : (sharedRate ?? null);
  if (rate === null) return <span className="muted">{t('common.dash')}</span>;
  if (!tally) return <strong className="category-value">{percent(rate, i18n.resolvedLanguage)}</strong>;
  return (
    <span className="category-value">
      <strong>{percent(rate, i18n.resolvedLanguage)}</strong>{' '}
      <span className="muted">{t('common.metOf', { met: tally.met, applicable: tally.applicable })}</span>
    </span>
  );
}

/**
 * Open and overdue remediation counts, overdue emphasised. `null` is a count the viewer may not see (a
 * supplier sharing a summary only, or a group too small to show): said so, never shown as zero.
 */
export function RemediationCounts({ open, overdue }: { open: number | null; overdue: number | null }) {
  const { t } = useTranslation('insights');
  if (open === null) return <span className="muted">{t('common.hiddenShort')}</span>;
  return (
    <span className="remediation-counts">
      {t('remediation.openCount', { count: open })}
      {overdue === null && (
        <>
          {' '}
          <span className="muted" title={t('remediation.overdueHiddenHelp')}>
            {t('remediation.overdueHidden')}
          </span>
        </>
      )}
      {overdue !== null && overdue > 0 && (
        <>
          {' '}
          <span className="badge badge-warning">{t('remediation.overdueCount', { count: overdue })}</span>
        </>
      )}
    </span>
  );
}
