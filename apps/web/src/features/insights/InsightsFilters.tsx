import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiData } from '../campaigns/useApiData';
import { CRITICALITIES, type Criticality, type InsightsFilters } from './types';

/** Campaign, catalogue, tag, criticality and region; applied together so the page reloads once. */
export function InsightsFiltersForm({
  orgId,
  filters,
  onApply,
}: {
  orgId: string;
  filters: InsightsFilters;
  onApply(filters: InsightsFilters): void;
}) {
  const { t, i18n } = useTranslation('insights');
  const id = useId();
  const [draft, setDraft] = useState<InsightsFilters>(filters);
  const campaigns = useApiData(orgId, (signal) =>
    api.client.GET('/api/orgs/{orgId}/campaigns', { params: { path: { orgId } }, signal }),
  );
  const sent = (campaigns.data?.items ?? []).filter((c) => c.status !== 'draft');
  // The guidelines this buyer has asked about, once each (the heat map shows one catalogue at a time).
  const catalogues = [...new Map(sent.map((c) => [c.catalogueId, c.catalogueTitle])).entries()];
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const set = (change: InsightsFilters) => setDraft((d) => ({ ...d, ...change }));
  const active = Object.values(filters).some(Boolean);

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form className="panel insights-filters" onSubmit={submit} aria-label={t('filters.title')}>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor={`${id}-campaign`}>{t('filters.campaign')}</label>
          <select
            id={`${id}-campaign`}
            data-testid="filter-campaign"
            value={draft.campaignId ?? ''}
            onChange={(e) => set({ campaignId: e.target.value || undefined })}
          >
            <option value="">{t('filters.latest')}</option>
            {sent.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-catalogue`}>{t('filters.catalogue')}</label>
          <select
            id={`${id}-catalogue`}
            data-testid="filter-catalogue"
            value={draft.catalogueId ?? ''}
            onChange={(e) => set({ catalogueId: e.target.value || undefined })}
          >
            <option value="">{t('filters.anyCatalogue')}</option>
            {catalogues.map(([catalogueId, title]) => (
              <option key={catalogueId} value={catalogueId}>
                {title[lang]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tag`}>{t('filters.tag')}</label>
          <input
            id={`${id}-tag`}
            data-testid="filter-tag"
            value={draft.tag ?? ''}
            onChange={(e) => set({ tag: e.target.value })}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-criticality`}>{t('filters.criticality')}</label>
          <select
            id={`${id}-criticality`}
            data-testid="filter-criticality"
            value={draft.criticality ?? ''}
            onChange={(e) =>
              set({ criticality: CRITICALITIES.find((c): c is Criticality => c === e.target.value) })
            }
          >
            <option value="">{t('filters.any')}</option>
            {CRITICALITIES.map((c) => (
              <option key={c} value={c}>
                {t(`criticality.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-region`}>{t('filters.region')}</label>
          <input
            id={`${id}-region`}
            data-testid="filter-region"
            value={draft.region ?? ''}
            onChange={(e) => set({ region: e.target.value })}
            autoComplete="off"
          />
        </div>
      </div>
      <div className="form-actions filter-actions">
        <button type="submit" className="button button-primary" data-testid="filter-apply">
          {t('filters.apply')}
        </button>
        {active && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setDraft({});
              onApply({});
            }}
          >
            {t('filters.clear')}
          </button>
        )}
      </div>
    </form>
  );
}
