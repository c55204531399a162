import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { assessmentPath } from '../../lib/paths';
import { AssessmentStatusBadge, Progress } from '../../lib/AssessmentStatus';
import type { CampaignSupplier } from './types';
import type { CatalogueLevels } from './useCatalogueLevels';

/** After launch: each supplier's assessment, its progress and levels; the name opens the assessment. */
export function ProgressTable({
  rows,
  levels,
}: {
  rows: readonly CampaignSupplier[];
  levels: CatalogueLevels;
}) {
  const { t } = useTranslation('campaigns');
  const col = {
    supplier: t('columns.supplier'),
    status: t('columns.status'),
    progress: t('columns.progress'),
    target: t('columns.target'),
    claimed: t('columns.claimed'),
    confirmed: t('columns.confirmed'),
    emails: t('columns.emails'),
  };
  return (
    <div className="table-wrap">
      <table className="supplier-table campaign-table progress-table">
        <thead>
          <tr>
            <th scope="col">{col.supplier}</th>
            <th scope="col">{col.status}</th>
            <th scope="col">{col.progress}</th>
            <th scope="col">{col.target}</th>
            <th scope="col">
              <abbr title={t('columns.claimedHelp')}>{col.claimed}</abbr>
            </th>
            <th scope="col">
              <abbr title={t('columns.confirmedHelp')}>{col.confirmed}</abbr>
            </th>
            <th scope="col">{col.emails}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.supplierId}
              data-testid="campaign-supplier-row"
              data-supplier-id={row.supplierId}
              data-status={row.status ?? ''}
            >
              <th scope="row" data-label={col.supplier} className="cell-name">
                {row.assessmentId ? (
                  <Link to={assessmentPath(row.assessmentId)} className="row-link">
                    {row.supplierName}
                  </Link>
                ) : (
                  row.supplierName
                )}{' '}
                <span className="badge badge-muted">{t('common.tierValue', { tier: row.tier })}</span>
              </th>
              <td data-label={col.status}>
                <AssessmentStatusBadge status={row.status} />
              </td>
              <td data-label={col.progress}>
                <Progress answered={row.answered} inScope={row.inScope} />
              </td>
              <td data-label={col.target}>{levels.label(row.targetLevel)}</td>
              <td data-label={col.claimed}>{levels.label(row.level)}</td>
              <td data-label={col.confirmed}>{levels.label(row.confirmedLevel)}</td>
              <td data-label={col.emails}>
                {row.failedEmails > 0 ? (
                  <span
                    className="badge badge-warning"
                    role="img"
                    aria-label={t('progress.failedEmailsLong')}
                  >
                    {t('progress.failedEmails', { count: row.failedEmails })}
                  </span>
                ) : (
                  <span className="muted">{t('progress.emailsOk')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
