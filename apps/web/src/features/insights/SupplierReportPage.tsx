import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { formatDate, localized, localToday } from '../../lib/format';
import { supplierInsightsPath } from './format';
import { SupplierSummaryView } from './SupplierSummaryView';
import { useSupplierSummary } from './api';

/** A one-page report of a supplier, laid out for printing (the app's header and buttons are not printed). */
export function SupplierReportPage() {
  const { t, i18n } = useTranslation('insights');
  const { orgId = '', supplierId = '' } = useParams();
  const { data: summary, error, catalogue } = useSupplierSummary(orgId, supplierId);
  const language = i18n.resolvedLanguage;

  if (error !== null && !summary) return <ErrorMessage error={error} />;
  if (!summary) {
    return (
      <p className="page-status" role="status">
        {t('common.loading')}
      </p>
    );
  }
  return (
    <article className="supplier-report" data-testid="supplier-report">
      <div className="report-actions no-print">
        <Link to={supplierInsightsPath(orgId, supplierId)} className="button">
          {t('report.back')}
        </Link>
        <button
          type="button"
          className="button button-primary"
          data-testid="print-button"
          onClick={() => window.print()}
        >
          {t('report.print')}
        </button>
      </div>
      <header className="report-header">
        <p className="report-kicker">{t('report.kicker')}</p>
        <h1>{summary.supplierName}</h1>
        <p className="muted">
          {t('report.meta', {
            date: formatDate(localToday(), language),
            catalogue: localized(catalogue?.title, language) || t('common.dash'),
          })}
        </p>
      </header>
      <SupplierSummaryView summary={summary} catalogue={catalogue} compact />
      <footer className="report-footer muted">{t('report.footer')}</footer>
    </article>
  );
}
