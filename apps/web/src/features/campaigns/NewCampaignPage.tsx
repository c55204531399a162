import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Tier } from '../../api/types';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { addDays, localized, localToday, parseTags } from '../../lib/format';
import { canManageCampaigns } from '../../lib/roles';
import { useCurrentMembership } from '../shell/organization';
import { useCatalogues, useCreateCampaign } from './api';
import { campaignsPath } from './format';
import { type PickedSupplier, SupplierPicker } from './SupplierPicker';
import type { CatalogueChoice, CreateCampaignBody, MailLocale } from './types';

const TIERS: readonly Tier[] = [1, 2, 3];
const LOCALES: readonly MailLocale[] = ['ja', 'en'];
const PREFERRED_CATALOGUE = 'meti-scs';
/** Six weeks: small suppliers often need time to find out who handles what. */
const DEFAULT_DUE_DAYS = 42;

interface Catalogue {
  id: string;
  title: CatalogueChoice['title'];
  versions: CatalogueChoice[];
}

/** The list grouped by catalogue id, newest version first (built-in before imported for the same version). */
export function groupCatalogues(items: readonly CatalogueChoice[]): Catalogue[] {
  const byId = new Map<string, Catalogue>();
  for (const item of items) {
    const entry = byId.get(item.id) ?? { id: item.id, title: item.title, versions: [] };
    entry.versions.push(item);
    byId.set(item.id, entry);
  }
  for (const entry of byId.values()) {
    entry.versions.sort(
      (a, b) =>
        b.version.localeCompare(a.version) ||
        Number(a.origin === 'imported') - Number(b.origin === 'imported'),
    );
  }
  return [...byId.values()];
}

/** What the form holds; `message: null` means "the default text in the emails' language" until edited. */
export interface NewCampaignValues {
  title: string;
  /** '' until chosen: the preferred catalogue, else the first. */
  catalogueId: string;
  /** '' until chosen: the newest version of the catalogue. */
  version: string;
  dueDate: string;
  remediationDeadline: string;
  locale: MailLocale;
  message: string | null;
  supportOffered: string;
  tiers: Tier[];
  tags: string;
  picked: PickedSupplier[];
}

/** Whom the campaign asks: at least one of tiers, tags or hand-picked suppliers. */
export function hasSelection(values: Pick<NewCampaignValues, 'tiers' | 'tags' | 'picked'>): boolean {
  return values.tiers.length > 0 || parseTags(values.tags).length > 0 || values.picked.length > 0;
}

/** The request body for the form's values, the catalogue version chosen and the default message. */
export function toCreateCampaignBody(
  values: NewCampaignValues,
  choice: Pick<CatalogueChoice, 'id' | 'version'>,
  defaultMessage: string,
): CreateCampaignBody {
  const support = values.supportOffered.trim();
  const tags = parseTags(values.tags);
  return {
    title: values.title.trim(),
    message: (values.message ?? defaultMessage).trim(),
    ...(support ? { supportOffered: support } : {}),
    catalogueId: choice.id,
    catalogueVersion: choice.version,
    dueDate: values.dueDate,
    ...(values.remediationDeadline ? { remediationDeadline: values.remediationDeadline } : {}),
    locale: values.locale,
    selection: {
      ...(values.tiers.length > 0 ? { tiers: [...values.tiers].sort() } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...(values.picked.length > 0 ? { supplierIds: values.picked.map((p) => p.id) } : {}),
    },
  };
}

export function NewCampaignPage() {
  const { t } = useTranslation('campaigns');
  const { orgId = '' } = useParams();
  const membership = useCurrentMembership();

  if (membership && !canManageCampaigns(membership.role)) {
    return (
      <div className="page">
        <h1>{t('new.title')}</h1>
        <p className="empty" role="status">
          {t('new.notForRole')}
        </p>
      </div>
    );
  }
  return <NewCampaignForm key={orgId} orgId={orgId} />;
}

function NewCampaignForm({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation('campaigns');
  const id = useId();
  const navigate = useNavigate();
  const language = i18n.resolvedLanguage;

  const catalogues = useCatalogues(orgId);
  const groups = groupCatalogues(catalogues.data?.items ?? []);
  const create = useCreateCampaign(orgId);
  // Stays "creating" after success: the campaign page opens next.
  const submitting = create.isPending || create.isSuccess;
  const [selectionMissing, setSelectionMissing] = useState(false);

  const { register, handleSubmit, setValue, control } = useForm<NewCampaignValues>({
    defaultValues: {
      title: '',
      catalogueId: '',
      version: '',
      dueDate: addDays(localToday(), DEFAULT_DUE_DAYS),
      remediationDeadline: '',
      locale: language === 'en' ? 'en' : 'ja',
      message: null,
      supportOffered: '',
      tiers: [],
      tags: '',
      picked: [],
    },
  });
  const [catalogueId, version, dueDate, locale, message, tiers, picked] = useWatch({
    control,
    name: ['catalogueId', 'version', 'dueDate', 'locale', 'message', 'tiers', 'picked'],
  });

  const catalogue =
    groups.find((g) => g.id === catalogueId) ?? groups.find((g) => g.id === PREFERRED_CATALOGUE) ?? groups[0];
  const choice = catalogue?.versions.find((v) => v.version === version) ?? catalogue?.versions[0];
  // Until edited, the message is the polite default in the language of the emails.
  const defaultMessage = i18n.getFixedT(locale, 'campaigns')('new.defaultMessage');
  const messageText = message ?? defaultMessage;

  function toggleTier(tier: Tier, on: boolean) {
    setValue('tiers', on ? [...tiers.filter((x) => x !== tier), tier] : tiers.filter((x) => x !== tier));
    setSelectionMissing(false);
  }

  const submit = handleSubmit((values) => {
    if (!choice) return;
    if (!hasSelection(values)) {
      setSelectionMissing(true);
      document.getElementById(`${id}-selection`)?.focus();
      return;
    }
    create.mutate(toCreateCampaignBody(values, choice, defaultMessage), {
      onSuccess: (campaign) => navigate(campaignsPath(orgId, encodeURIComponent(campaign.id))),
    });
  });

  return (
    <div className="page campaign-new">
      <p className="breadcrumb">
        <Link to={campaignsPath(orgId)}>{t('list.title')}</Link>
      </p>
      <h1>{t('new.title')}</h1>
      <p className="muted page-lead">{t('new.lead')}</p>

      <form onSubmit={(e) => void submit(e)} className="campaign-form" noValidate={false}>
        <section className="panel form-section" aria-labelledby={`${id}-basics`}>
          <h2 id={`${id}-basics`}>{t('new.basics')}</h2>
          <div className="field">
            <label htmlFor={`${id}-title`}>{t('fields.title')}</label>
            <input
              id={`${id}-title`}
              data-testid="campaign-title"
              required
              maxLength={200}
              placeholder={t('new.titlePlaceholder')}
              {...register('title', { required: true, maxLength: 200 })}
            />
          </div>

          {catalogues.error !== null ? (
            <ErrorMessage error={catalogues.error} />
          ) : (
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${id}-catalogue`}>{t('fields.catalogue')}</label>
                <select
                  id={`${id}-catalogue`}
                  data-testid="campaign-catalogue"
                  required
                  disabled={!catalogue}
                  value={catalogue?.id ?? ''}
                  onChange={(e) => {
                    setValue('catalogueId', e.target.value);
                    setValue('version', '');
                  }}
                  aria-describedby={`${id}-catalogue-hint`}
                >
                  {!catalogue && <option value="">{t('common.loading')}</option>}
                  {groups.map((g) => (
                    <option key={g.id} value={g.id}>
                      {localized(g.title, language)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-version`}>{t('fields.version')}</label>
                <select
                  id={`${id}-version`}
                  data-testid="campaign-version"
                  disabled={!catalogue}
                  value={choice ? `${choice.version}` : ''}
                  onChange={(e) => setValue('version', e.target.value)}
                >
                  {catalogue?.versions.map((v) => (
                    <option key={`${v.version}|${v.origin}`} value={v.version}>
                      {v.origin === 'imported' ? t('new.versionImported', { version: v.version }) : v.version}
                    </option>
                  ))}
                </select>
              </div>
              <p className="hint" id={`${id}-catalogue-hint`}>
                {choice?.provisional
                  ? t('new.provisionalHint')
                  : choice && choice.scoring !== 'levels'
                    ? t('new.noLevelsHint')
                    : t('new.catalogueHint')}
              </p>
            </div>
          )}

          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-due`}>{t('fields.dueDate')}</label>
              <input
                id={`${id}-due`}
                data-testid="campaign-due"
                type="date"
                required
                min={localToday()}
                {...register('dueDate', { required: true })}
                aria-describedby={`${id}-due-hint`}
              />
              <p className="hint" id={`${id}-due-hint`}>
                {t('new.dueHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-fix-by`}>{t('fields.remediationDeadline')}</label>
              <input
                id={`${id}-fix-by`}
                data-testid="campaign-remediation-deadline"
                type="date"
                min={dueDate}
                {...register('remediationDeadline')}
                aria-describedby={`${id}-fix-by-hint`}
              />
              <p className="hint" id={`${id}-fix-by-hint`}>
                {t('new.remediationDeadlineHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-locale`}>{t('fields.locale')}</label>
              <select
                id={`${id}-locale`}
                data-testid="campaign-locale"
                value={locale}
                onChange={(e) => setValue('locale', LOCALES.find((l) => l === e.target.value) ?? 'ja')}
                aria-describedby={`${id}-locale-hint`}
              >
                {LOCALES.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {t(`locale.${l}`)}
                  </option>
                ))}
              </select>
              <p className="hint" id={`${id}-locale-hint`}>
                {t('new.localeHint')}
              </p>
            </div>
          </div>
        </section>

        <section className="panel form-section" aria-labelledby={`${id}-request`}>
          <h2 id={`${id}-request`}>{t('new.request')}</h2>
          <div className="field">
            <label htmlFor={`${id}-message`}>{t('fields.message')}</label>
            <p className="hint hint-box" id={`${id}-message-hint`}>
              {t('new.messageHint')}
            </p>
            <textarea
              id={`${id}-message`}
              data-testid="campaign-message"
              rows={10}
              maxLength={4000}
              value={messageText}
              onChange={(e) => setValue('message', e.target.value)}
              aria-describedby={`${id}-message-hint`}
            />
            {message !== null && message !== defaultMessage && (
              <button
                type="button"
                className="button button-quiet align-start"
                onClick={() => setValue('message', null)}
              >
                {t('new.resetMessage')}
              </button>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-support`}>
              {t('fields.supportOffered')} <span className="muted">{t('common.optional')}</span>
            </label>
            <p className="hint hint-box" id={`${id}-support-hint`}>
              {t('new.supportHint')}
            </p>
            <textarea
              id={`${id}-support`}
              data-testid="campaign-support"
              rows={5}
              maxLength={4000}
              placeholder={t('new.supportPlaceholder')}
              {...register('supportOffered')}
              aria-describedby={`${id}-support-hint`}
            />
          </div>
        </section>

        <section className="panel form-section" aria-labelledby={`${id}-who`}>
          <h2 id={`${id}-who`}>{t('new.who')}</h2>
          <p className="hint">{t('new.whoHint')}</p>
          <fieldset
            className="choice-group"
            id={`${id}-selection`}
            tabIndex={-1}
            aria-describedby={selectionMissing ? `${id}-selection-error` : undefined}
          >
            <legend>{t('new.byTier')}</legend>
            {TIERS.map((tier) => (
              <label key={tier} className="check-row">
                <input
                  type="checkbox"
                  data-testid={`campaign-tier-${tier}`}
                  checked={tiers.includes(tier)}
                  onChange={(e) => toggleTier(tier, e.target.checked)}
                />
                <span>
                  {t('common.tierValue', { tier })} <span className="muted">{t(`new.tierHint${tier}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-tags`}>
              {t('new.byTags')} <span className="muted">{t('common.optional')}</span>
            </label>
            <input
              id={`${id}-tags`}
              data-testid="campaign-tags"
              placeholder={t('new.tagsPlaceholder')}
              {...register('tags', { onChange: () => setSelectionMissing(false) })}
              aria-describedby={`${id}-tags-hint`}
            />
            <p className="hint" id={`${id}-tags-hint`}>
              {t('new.tagsHint')}
            </p>
          </div>
          <details className="picker-panel">
            <summary>{t('new.byHand', { count: picked.length })}</summary>
            <SupplierPicker
              orgId={orgId}
              picked={picked}
              onChange={(next) => {
                setValue('picked', next);
                setSelectionMissing(false);
              }}
            />
          </details>
          {selectionMissing && (
            <p className="alert alert-error" role="alert" id={`${id}-selection-error`}>
              {t('new.selectionMissing')}
            </p>
          )}
        </section>

        {create.isError && <ErrorMessage error={create.error} />}
        <div className="form-actions sticky-actions">
          <Link to={campaignsPath(orgId)} className="button">
            {t('common.cancel')}
          </Link>
          <button
            type="submit"
            className="button button-primary"
            data-testid="campaign-create"
            disabled={submitting || !choice}
          >
            {submitting ? t('new.creating') : t('new.create')}
          </button>
        </div>
        <p className="hint">{t('new.createHint')}</p>
      </form>
    </div>
  );
}
