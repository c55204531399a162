import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { canViewCampaigns } from '../../lib/roles';
import { useCampaigns } from '../campaigns/api';
import { useCurrentMembership } from '../shell/organization';
import { type OrgRemediationQuery, useOrgRemediation } from './api';
import { ItemCard, toggled } from './ItemCard';
import { type RemediationStatus, STATUS_ORDER } from './types';

interface Filters {
  status: RemediationStatus | '';
  overdue: boolean;
  tier: string;
  campaignId: string;
}

const NO_FILTERS: Filters = { status: '', overdue: false, tier: '', campaignId: '' };
const TIERS = ['1', '2', '3'];

/** The buyer's view: every supplier's gaps, filtered, a page at a time; verify or send back done items. */
export function BuyerRemediationPage() {
  const { t } = useTranslation('remediation');
  const { orgId = '' } = useParams();
  const membership = useCurrentMembership();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const query: OrgRemediationQuery = {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.overdue ? { overdue: 'true' as const } : {}),
    ...(filters.tier ? { tier: Number(filters.tier) } : {}),
    ...(filters.campaignId ? { campaignId: filters.campaignId } : {}),
  };
  // A change made in an open card updates these rows in the cache (see storeRemediationItem).
  const list = useOrgRemediation(orgId, query);
  const campaigns = useCampaigns(orgId);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  if (membership && !canViewCampaigns(membership.role)) {
    return (
      <div className="page">
        <h1>{t('list.title')}</h1>
        <p className="empty" role="status">
          {t('list.notForRole')}
        </p>
      </div>
    );
  }

  const items = list.items;

  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });

  return (
    <div className="page remediation-page">
      <div className="page-head">
        <h1>{t('list.title')}</h1>
      </div>
      <p className="muted page-lead">{t('list.lead')}</p>
      <fieldset className="remediation-filters">
        <legend>{t('filters.title')}</legend>
        <div className="inline-field">
          <label htmlFor="remediation-filter-status">{t('filters.status')}</label>
          <select
            id="remediation-filter-status"
            data-testid="filter-status"
            value={filters.status}
            onChange={(e) => set({ status: e.target.value as Filters['status'] })}
          >
            <option value="">{t('filters.anyStatus')}</option>
            {STATUS_ORDER.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor="remediation-filter-tier">{t('filters.tier')}</label>
          <select
            id="remediation-filter-tier"
            data-testid="filter-tier"
            value={filters.tier}
            onChange={(e) => set({ tier: e.target.value })}
          >
            <option value="">{t('filters.anyTier')}</option>
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {t('filters.tierValue', { tier })}
              </option>
            ))}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor="remediation-filter-campaign">{t('filters.campaign')}</label>
          <select
            id="remediation-filter-campaign"
            data-testid="filter-campaign"
            value={filters.campaignId}
            onChange={(e) => set({ campaignId: e.target.value })}
          >
            <option value="">{t('filters.anyCampaign')}</option>
            {(campaigns.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <label className="check-row remediation-overdue-filter">
          <input
            type="checkbox"
            data-testid="filter-overdue"
            checked={filters.overdue}
            onChange={(e) => set({ overdue: e.target.checked })}
          />
          {t('filters.overdue')}
        </label>
      </fieldset>

      {list.error !== null ? (
        <ErrorMessage error={list.error} />
      ) : list.loading ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <p className="result-count" role="status" data-testid="remediation-total">
            {t('list.total', { total: list.lastPage?.total ?? 0 })}
          </p>
          {items.length === 0 ? (
            <p className="empty">{t('list.empty')}</p>
          ) : (
            <ul className="remediation-list" aria-busy={list.fetching}>
              {items.map((item) => (
                <ItemCard
                  key={item.id}
                  item={item}
                  side="buyer"
                  open={open.has(item.id)}
                  onToggle={() => setOpen(toggled(open, item.id))}
                />
              ))}
            </ul>
          )}
          {list.moreError !== null && <ErrorMessage error={list.moreError} />}
          {list.hasMore && (
            <button
              type="button"
              className="button"
              data-testid="remediation-more"
              disabled={list.loadingMore}
              onClick={list.loadMore}
            >
              {t('list.more')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
