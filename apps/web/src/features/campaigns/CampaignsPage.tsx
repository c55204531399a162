import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useCurrentMembership } from '../shell/organization';
import { campaignsPath } from './format';
import { canManageCampaigns, canViewCampaigns } from '../../lib/roles';
import { formatDate, localized } from '../../lib/format';
import { CampaignStatusBadge } from './StatusBadge';
import { ASSESSMENT_STATUSES, type Campaign } from './types';
import { useCampaigns } from './api';

export function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  const { orgId = '' } = useParams();
  const membership = useCurrentMembership();
  const allowed = canViewCampaigns(membership?.role);
  const { data, error, isPending, isFetching } = useCampaigns(orgId);

  if (membership && !allowed) {
    return (
      <div className="page">
        <h1>{t('list.title')}</h1>
        <p className="empty" role="status">
          {t('list.notForRole')}
        </p>
      </div>
    );
  }

  const items = data?.items ?? [];
  return (
    <div className="page campaigns-page">
      <div className="page-head">
        <h1>{t('list.title')}</h1>
        {canManageCampaigns(membership?.role) && (
          <Link to={campaignsPath(orgId, 'new')} className="button button-primary" data-testid="new-campaign">
            {t('list.new')}
          </Link>
        )}
      </div>
      <p className="muted page-lead">{t('list.lead')}</p>
      {error !== null ? (
        <ErrorMessage error={error} />
      ) : isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty" role="status">
          {t('list.empty')}
        </p>
      ) : (
        <ul className="campaign-list" aria-busy={isFetching}>
          {items.map((campaign) => (
            <CampaignItem key={campaign.id} orgId={orgId} campaign={campaign} />
          ))}
        </ul>
      )}
    </div>
  );
}

function CampaignItem({ orgId, campaign }: { orgId: string; campaign: Campaign }) {
  const { t, i18n } = useTranslation('campaigns');
  const counts = campaign.statusCounts;
  const done = (counts.submitted ?? 0) + (counts.accepted ?? 0);
  const breakdown = ASSESSMENT_STATUSES.filter((s) => (counts[s] ?? 0) > 0);

  return (
    <li className="campaign-card" data-testid="campaign-row">
      <div className="campaign-card-head">
        <h2 className="campaign-card-title">
          <Link to={campaignsPath(orgId, encodeURIComponent(campaign.id))}>{campaign.title}</Link>
        </h2>
        <CampaignStatusBadge status={campaign.status} />
      </div>
      <dl className="facts">
        <div>
          <dt>{t('fields.catalogue')}</dt>
          <dd>
            {localized(campaign.catalogueTitle, i18n.resolvedLanguage)}{' '}
            <span className="muted">{t('fields.versionValue', { version: campaign.catalogueVersion })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('fields.dueDate')}</dt>
          <dd>{formatDate(campaign.dueDate, i18n.resolvedLanguage)}</dd>
        </div>
        <div>
          <dt>{t('fields.progress')}</dt>
          <dd>
            {campaign.status === 'draft' ? (
              t('list.draftSuppliers', { count: campaign.supplierCount })
            ) : (
              <>
                <strong>{t('list.submittedOf', { done, total: campaign.supplierCount })}</strong>
                {breakdown.length > 0 && (
                  <span className="status-breakdown">
                    {breakdown.map((s) => (
                      <span key={s} className={`status-count status-${s}`}>
                        {t('list.statusCount', { status: t(`status.${s}`), count: counts[s] ?? 0 })}
                      </span>
                    ))}
                  </span>
                )}
              </>
            )}
          </dd>
        </div>
      </dl>
    </li>
  );
}
