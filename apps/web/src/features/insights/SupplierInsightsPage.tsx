import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { isProblem } from '../../lib/problem';
import { assessmentPath } from '../../lib/paths';
import { useCurrentMembership } from '../shell/organization';
import { canViewInsights, insightsPath, supplierInsightsPath } from './format';
import { SupplierSummaryView } from './SupplierSummaryView';
import { useSupplierSummary } from './api';

/** One supplier as the buyer sees it: summary, category radar, gaps and remediation. */
export function SupplierInsightsPage() {
  const { t } = useTranslation('insights');
  const { orgId = '', supplierId = '' } = useParams();
  const membership = useCurrentMembership();
  const { data: summary, error, catalogue } = useSupplierSummary(orgId, supplierId);

  const back = (
    <p className="breadcrumb">
      <Link to={insightsPath(orgId)}>{t('page.title')}</Link>
    </p>
  );
  if (membership && !canViewInsights(membership.role)) {
    return (
      <div className="page">
        <p className="empty" role="status">
          {t('page.notForRole')}
        </p>
      </div>
    );
  }
  if (error !== null && !summary) {
    return (
      <div className="page">
        {back}
        {isProblem(error) && error.status === 404 ? (
          <p className="alert alert-error" role="alert" data-testid="supplier-not-visible">
            {t('supplier.notVisible')}
          </p>
        ) : (
          <ErrorMessage error={error} />
        )}
      </div>
    );
  }
  if (!summary) {
    return (
      <p className="page-status" role="status">
        {t('common.loading')}
      </p>
    );
  }

  const assessmentId = summary.assessmentId ?? null;
  return (
    <div className="page supplier-insights-page">
      {back}
      <div className="page-head">
        <h1>{summary.supplierName}</h1>
        <Link
          to={supplierInsightsPath(orgId, supplierId, true)}
          className="button"
          data-testid="supplier-report-link"
        >
          {t('supplier.report')}
        </Link>
      </div>
      {assessmentId && summary.consent !== 'summary' ? (
        <p className="alert alert-info">
          {t('supplier.answersShared')}{' '}
          <Link to={assessmentPath(assessmentId)} data-testid="supplier-assessment-link">
            {t('supplier.openAssessment')}
          </Link>
        </p>
      ) : summary.consent === 'summary' ? (
        <p className="alert alert-info" data-testid="summary-only-note">
          {t('supplier.summaryOnly')}
        </p>
      ) : (
        <p className="muted">{t('supplier.noAssessment')}</p>
      )}
      <SupplierSummaryView summary={summary} catalogue={catalogue} />
    </div>
  );
}
