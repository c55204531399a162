import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useCampaigns } from '../campaigns/api';
import { filterQuery } from './query';
import { CRITICALITIES, type Criticality, type InsightsFilters } from './types';

/** The filters as the form holds them (an empty field is "any"). */
export type FilterValues = Record<'campaignId' | 'catalogueId' | 'tag' | 'criticality' | 'region', string>;

export function filterValues(filters: InsightsFilters): FilterValues {
  return {
    campaignId: filters.campaignId ?? '',
    catalogueId: filters.catalogueId ?? '',
    tag: filters.tag ?? '',
    criticality: filters.criticality ?? '',
    region: filters.region ?? '',
  };
}

/** The filters to apply for what the form holds (blanks left out). */
export function toFilters(values: FilterValues): InsightsFilters {
  const criticality = CRITICALITIES.find((c): c is Criticality => c === values.criticality);
  return filterQuery({
    campaignId: values.campaignId,
    catalogueId: values.catalogueId,
    tag: values.tag,
    region: values.region,
    ...(criticality ? { criticality } : {}),
  });
}

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
  const { register, handleSubmit, reset, control } = useForm<FilterValues>({
    defaultValues: filterValues(filters),
  });
  // Their options arrive with the campaign list, so the choice is shown from the form's value.
  const [campaignId, catalogueId] = useWatch({ control, name: ['campaignId', 'catalogueId'] });
  const campaigns = useCampaigns(orgId);
  const sent = (campaigns.data?.items ?? []).filter((c) => c.status !== 'draft');
  // The guidelines this buyer has asked about, once each (the heat map shows one catalogue at a time).
  const catalogues = [...new Map(sent.map((c) => [c.catalogueId, c.catalogueTitle])).entries()];
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const active = Object.values(filters).some(Boolean);
  const submit = handleSubmit((values) => onApply(toFilters(values)));

  return (
    <form className="panel insights-filters" onSubmit={(e) => void submit(e)} aria-label={t('filters.title')}>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor={`${id}-campaign`}>{t('filters.campaign')}</label>
          <select
            id={`${id}-campaign`}
            data-testid="filter-campaign"
            value={campaignId}
            {...register('campaignId')}
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
            value={catalogueId}
            {...register('catalogueId')}
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
          <input id={`${id}-tag`} data-testid="filter-tag" {...register('tag')} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-criticality`}>{t('filters.criticality')}</label>
          <select id={`${id}-criticality`} data-testid="filter-criticality" {...register('criticality')}>
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
          <input id={`${id}-region`} data-testid="filter-region" {...register('region')} autoComplete="off" />
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
              reset(filterValues({}));
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
