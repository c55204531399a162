import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';

export type AssessmentStatus = NonNullable<components['schemas']['CampaignSupplierDto']['status']>;

/** An assessment's status as a coloured badge (a dash-like "not launched" for none yet). */
export function AssessmentStatusBadge({ status }: { status: AssessmentStatus | null }) {
  const { t } = useTranslation('campaigns');
  if (status === null) return <span className="badge badge-muted">{t('status.notLaunched')}</span>;
  return (
    <span className={`badge status-badge status-${status}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

/** answered / inScope as a labelled bar and figures. */
export function Progress({ answered, inScope }: { answered: number | null; inScope: number | null }) {
  const { t } = useTranslation('campaigns');
  const done = answered ?? 0;
  const total = inScope ?? 0;
  const text = t('progress.value', { answered: done, total });
  return (
    <span className="progress">
      <progress max={Math.max(total, 1)} value={Math.min(done, Math.max(total, 1))} aria-label={text} />
      <span className="progress-text">{text}</span>
    </span>
  );
}
