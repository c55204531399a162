import { useTranslation } from 'react-i18next';
import { levelLabel } from './model';
import type { Assessment } from './types';

export function formatDate(iso: string, language: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-GB' : 'ja-JP', {
    dateStyle: 'medium',
  }).format(date);
}

export function StatusBadge({ status }: { status: Assessment['status'] }) {
  const { t } = useTranslation('assessment');
  return (
    <span className={`badge status-badge status-${status}`} data-testid="status-badge">
      {t(`status.${status}`)}
    </span>
  );
}

/** Who asks whom for what, by when, and the buyer's own words. */
export function AssessmentHeader({
  assessment,
  supplierView,
}: {
  assessment: Assessment;
  supplierView: boolean;
}) {
  const { t, i18n } = useTranslation('assessment');
  const lang = i18n.language;
  const target = levelLabel(assessment.catalogue.levels, assessment.targetLevel, lang);

  return (
    <header className="assessment-header">
      <p className="muted assessment-kicker">{t('title')}</p>
      <h1>{assessment.campaignTitle}</h1>
      <p>
        <StatusBadge status={assessment.status} />
        {assessment.round > 0 && (
          <span className="muted"> {t('header.round', { round: assessment.round })}</span>
        )}
      </p>
      <dl className="facts">
        <div>
          <dt>{supplierView ? t('header.requestedBy') : t('header.buyer')}</dt>
          <dd>{assessment.buyer.name}</dd>
        </div>
        <div>
          <dt>{t('header.supplier')}</dt>
          <dd>{assessment.supplier.name}</dd>
        </div>
        <div>
          <dt>{t('header.dueDate')}</dt>
          <dd>{formatDate(assessment.dueDate, lang)}</dd>
        </div>
        {target && (
          <div>
            <dt>{t('header.target')}</dt>
            <dd>{target}</dd>
          </div>
        )}
        {!supplierView && (
          <div>
            <dt>{t('header.evaluator')}</dt>
            <dd>{assessment.evaluator?.name ?? t('header.noEvaluator')}</dd>
          </div>
        )}
      </dl>
      {assessment.message && (
        <section className="buyer-message" aria-labelledby="assessment-message">
          <h2 id="assessment-message">{t('header.message', { buyer: assessment.buyer.name })}</h2>
          <p className="pre-wrap">{assessment.message}</p>
        </section>
      )}
      {assessment.supportOffered && (
        <section className="buyer-message support" aria-labelledby="assessment-support">
          <h2 id="assessment-support">{t('header.support')}</h2>
          <p className="pre-wrap">{assessment.supportOffered}</p>
        </section>
      )}
      {supplierView && <p className="muted intro">{t('header.intro')}</p>}
    </header>
  );
}
