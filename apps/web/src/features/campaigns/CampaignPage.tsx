import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { formatDate, formatDay, localized } from '../../lib/format';
import { canManageCampaigns, canViewCampaigns } from '../../lib/roles';
import { useCurrentMembership } from '../shell/organization';
import { campaignKeys, type CampaignSuppliers, useCampaign, useCampaignSuppliers } from './api';
import { campaignsPath } from './format';
import { LaunchPanel } from './LaunchPanel';
import { ProgressTable } from './ProgressTable';
import { ReminderPolicyPanel } from './ReminderPolicyPanel';
import { CampaignStatusBadge } from './StatusBadge';
import { TriageTable } from './TriageTable';
import { ASSESSMENT_STATUSES, type AssessmentStatus, type Campaign } from './types';
import { type CatalogueLevels, useCatalogueLevels } from './useCatalogueLevels';

export function CampaignPage() {
  const { t } = useTranslation('campaigns');
  const { orgId = '', campaignId = '' } = useParams();
  const membership = useCurrentMembership();
  if (membership && !canViewCampaigns(membership.role)) {
    return (
      <div className="page">
        <p className="empty" role="status">
          {t('list.notForRole')}
        </p>
      </div>
    );
  }
  return (
    <CampaignView
      key={`${orgId}/${campaignId}`}
      orgId={orgId}
      campaignId={campaignId}
      canEdit={canManageCampaigns(membership?.role)}
    />
  );
}

function CampaignView({
  orgId,
  campaignId,
  canEdit,
}: {
  orgId: string;
  campaignId: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation('campaigns');
  const queryClient = useQueryClient();
  const [launched, setLaunched] = useState<{ assessments: number; invitations: number } | null>(null);
  const { data: campaign, error } = useCampaign(orgId, campaignId);
  const [filter, setFilter] = useState<StatusFilter>('all');
  const suppliers = useCampaignSuppliers(orgId, campaignId, filter === 'all' ? undefined : filter);
  const levels = useCatalogueLevels(campaign?.catalogueId, campaign?.catalogueVersion);

  if (error !== null && !campaign) {
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to={campaignsPath(orgId)}>{t('list.title')}</Link>
        </p>
        <ErrorMessage error={error} />
        <button
          type="button"
          className="button"
          onClick={() =>
            void queryClient.invalidateQueries({ queryKey: campaignKeys.detail(orgId, campaignId) })
          }
        >
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (!campaign) {
    return (
      <p className="page-status" role="status">
        {t('common.loading')}
      </p>
    );
  }

  return (
    <div className="page campaign-page">
      <p className="breadcrumb">
        <Link to={campaignsPath(orgId)}>{t('list.title')}</Link>
      </p>
      <CampaignHeader campaign={campaign} />
      {launched && (
        <p className="alert alert-success" role="status" data-testid="launch-done">
          {t('launch.done', { assessments: launched.assessments, invitations: launched.invitations })}
        </p>
      )}
      <ReminderPolicyPanel orgId={orgId} campaignId={campaign.id} canEdit={canEdit} />
      {campaign.status === 'draft' ? (
        <DraftSection
          orgId={orgId}
          campaign={campaign}
          suppliers={suppliers}
          levels={levels}
          canEdit={canEdit}
          onLaunched={setLaunched}
        />
      ) : (
        <ProgressSection
          campaign={campaign}
          suppliers={suppliers}
          levels={levels}
          filter={filter}
          onFilter={setFilter}
        />
      )}
    </div>
  );
}

function CampaignHeader({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation('campaigns');
  const language = i18n.resolvedLanguage;
  const counts = campaign.statusCounts;
  const done = (counts.submitted ?? 0) + (counts.accepted ?? 0);
  return (
    <header className="campaign-header">
      <div className="page-head">
        <h1>{campaign.title}</h1>
        <CampaignStatusBadge status={campaign.status} />
      </div>
      <dl className="facts">
        <div>
          <dt>{t('fields.catalogue')}</dt>
          <dd>
            {localized(campaign.catalogueTitle, language)}{' '}
            <span className="muted">{t('fields.versionValue', { version: campaign.catalogueVersion })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('fields.dueDate')}</dt>
          <dd>{formatDate(campaign.dueDate, language)}</dd>
        </div>
        <div>
          <dt>{t('fields.suppliers')}</dt>
          <dd data-testid="campaign-supplier-count">{campaign.supplierCount}</dd>
        </div>
        <div>
          <dt>{t('fields.locale')}</dt>
          <dd>{t(`locale.${campaign.locale}`)}</dd>
        </div>
        {campaign.launchedAt && (
          <div>
            <dt>{t('fields.launchedAt')}</dt>
            <dd>{formatDay(campaign.launchedAt, language)}</dd>
          </div>
        )}
      </dl>
      {campaign.status !== 'draft' && (
        <ul className="stat-tiles" aria-label={t('progress.summary')}>
          <li className="stat-tile stat-main">
            <span className="stat-value">
              {t('list.submittedOf', { done, total: campaign.supplierCount })}
            </span>
          </li>
          {ASSESSMENT_STATUSES.map((status) => (
            <li key={status} className={`stat-tile status-${status}`}>
              <span className="stat-value">{counts[status] ?? 0}</span>
              <span className="stat-label">{t(`status.${status}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {(campaign.message || campaign.supportOffered) && (
        <details className="panel request-text">
          <summary>{t('fields.requestText')}</summary>
          {campaign.message && <p className="pre-line">{campaign.message}</p>}
          {campaign.supportOffered && (
            <>
              <h3>{t('fields.supportOffered')}</h3>
              <p className="pre-line">{campaign.supportOffered}</p>
            </>
          )}
        </details>
      )}
    </header>
  );
}

interface DraftProps {
  orgId: string;
  campaign: Campaign;
  suppliers: CampaignSuppliers;
  levels: CatalogueLevels;
  canEdit: boolean;
  onLaunched(result: { assessments: number; invitations: number }): void;
}

function DraftSection({ orgId, campaign, suppliers, levels, canEdit, onLaunched }: DraftProps) {
  const { t } = useTranslation('campaigns');
  const id = useId();
  const missingEmails = suppliers.items.filter((r) => !r.contactEmail).length;
  const low = levels.levels[0];
  const high = levels.levels[1];
  return (
    <>
      <section aria-labelledby={`${id}-title`} className="campaign-section">
        <h2 id={`${id}-title`}>{t('triage.title')}</h2>
        <div className="hint-box triage-help" id="triage-help">
          <p>{t('triage.lead')}</p>
          <ol>
            {(['confidential', 'continuity', 'networkAccess'] as const).map((q) => (
              <li key={q}>{t(`triage.question.${q}`)}</li>
            ))}
          </ol>
          <p>
            {low && high
              ? t('triage.rule', { high: levels.label(high.rank), low: levels.label(low.rank) })
              : t('triage.ruleNoLevels')}
          </p>
        </div>
        <SupplierRows suppliers={suppliers}>
          <TriageTable
            orgId={orgId}
            campaignId={campaign.id}
            rows={suppliers.items}
            levels={levels}
            canEdit={canEdit}
          />
        </SupplierRows>
      </section>
      {canEdit && (
        <LaunchPanel
          orgId={orgId}
          campaign={campaign}
          missingEmails={missingEmails}
          complete={!suppliers.loading && !suppliers.hasMore}
          onLaunched={onLaunched}
        />
      )}
    </>
  );
}

type StatusFilter = 'all' | AssessmentStatus;

function ProgressSection({
  campaign,
  suppliers,
  levels,
  filter,
  onFilter,
}: {
  campaign: Campaign;
  suppliers: CampaignSuppliers;
  levels: CatalogueLevels;
  filter: StatusFilter;
  onFilter(filter: StatusFilter): void;
}) {
  const { t } = useTranslation('campaigns');
  const id = useId();
  const rows = suppliers.items;
  const failed = suppliers.items.filter((r) => r.failedEmails > 0).length;
  return (
    <section aria-labelledby={`${id}-title`} className="campaign-section">
      <h2 id={`${id}-title`}>{t('progress.title')}</h2>
      {failed > 0 && (
        <p className="alert alert-warning" role="status">
          {t('progress.failedWarning', { count: failed })}
        </p>
      )}
      <div className="field status-filter">
        <label htmlFor={`${id}-filter`}>{t('progress.filter')}</label>
        <select
          id={`${id}-filter`}
          data-testid="status-filter"
          value={filter}
          onChange={(e) => onFilter(ASSESSMENT_STATUSES.find((s) => s === e.target.value) ?? 'all')}
        >
          <option value="all">{t('progress.allStatuses', { count: campaign.supplierCount })}</option>
          {ASSESSMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t('progress.statusOption', {
                status: t(`status.${status}`),
                count: campaign.statusCounts[status] ?? 0,
              })}
            </option>
          ))}
        </select>
      </div>
      <SupplierRows suppliers={suppliers}>
        {rows.length === 0 ? (
          <p className="empty" role="status">
            {t('progress.noneWithStatus')}
          </p>
        ) : (
          <ProgressTable rows={rows} levels={levels} />
        )}
      </SupplierRows>
    </section>
  );
}

/** Loading, errors, the row count and "load more" around a supplier table. */
function SupplierRows({ suppliers, children }: { suppliers: CampaignSuppliers; children: ReactNode }) {
  const { t } = useTranslation('campaigns');
  if (suppliers.error !== null) return <ErrorMessage error={suppliers.error} />;
  if (suppliers.loading) return <p role="status">{t('common.loading')}</p>;
  const loaded = suppliers.items.length;
  return (
    <div className="results">
      <p className="result-count" role="status">
        {t('rows.count', { loaded, total: suppliers.total })}
      </p>
      {children}
      {suppliers.moreError !== null && <ErrorMessage error={suppliers.moreError} />}
      {suppliers.hasMore && (
        <button
          type="button"
          className="button button-block load-more"
          data-testid="load-more"
          disabled={suppliers.loadingMore}
          onClick={suppliers.loadMore}
        >
          {suppliers.loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
