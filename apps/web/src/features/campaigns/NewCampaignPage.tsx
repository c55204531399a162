import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Tier } from '../../api/types';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useCurrentMembership } from '../shell/organization';
import { parseTags } from '../suppliers/AddSupplierForm';
import { addDays, campaignsPath, canManageCampaigns, localized, localToday } from './format';
import { type PickedSupplier, SupplierPicker } from './SupplierPicker';
import type { CatalogueChoice, CreateCampaignBody, MailLocale } from './types';
import { useApiData } from './useApiData';

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

  const catalogues = useApiData(`catalogues|${orgId}`, (signal) =>
    api.client.GET('/api/catalogues', { params: { query: { orgId } }, signal }),
  );
  const groups = groupCatalogues(catalogues.data?.items ?? []);

  const [title, setTitle] = useState('');
  const [catalogueId, setCatalogueId] = useState<string | null>(null);
  const [version, setVersion] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState(() => addDays(localToday(), DEFAULT_DUE_DAYS));
  const [remediationDeadline, setRemediationDeadline] = useState('');
  const [locale, setLocale] = useState<MailLocale>(language === 'en' ? 'en' : 'ja');
  const [message, setMessage] = useState<string | null>(null);
  const [supportOffered, setSupportOffered] = useState('');
  const [tiers, setTiers] = useState<ReadonlySet<Tier>>(new Set());
  const [tagsText, setTagsText] = useState('');
  const [picked, setPicked] = useState<PickedSupplier[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [selectionMissing, setSelectionMissing] = useState(false);

  const catalogue =
    groups.find((g) => g.id === catalogueId) ?? groups.find((g) => g.id === PREFERRED_CATALOGUE) ?? groups[0];
  const choice = catalogue?.versions.find((v) => v.version === version) ?? catalogue?.versions[0];
  // Until edited, the message is the polite default in the language of the emails.
  const defaultMessage = i18n.getFixedT(locale, 'campaigns')('new.defaultMessage');
  const messageText = message ?? defaultMessage;
  const tags = parseTags(tagsText);
  const hasSelection = tiers.size > 0 || tags.length > 0 || picked.length > 0;

  function toggleTier(tier: Tier, on: boolean) {
    setTiers((current) => {
      const next = new Set(current);
      if (on) next.add(tier);
      else next.delete(tier);
      return next;
    });
    setSelectionMissing(false);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!choice) return;
    if (!hasSelection) {
      setSelectionMissing(true);
      document.getElementById(`${id}-selection`)?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    const support = supportOffered.trim();
    const body: CreateCampaignBody = {
      title: title.trim(),
      message: messageText.trim(),
      ...(support ? { supportOffered: support } : {}),
      catalogueId: choice.id,
      catalogueVersion: choice.version,
      dueDate,
      ...(remediationDeadline ? { remediationDeadline } : {}),
      locale,
      selection: {
        ...(tiers.size > 0 ? { tiers: [...tiers].sort() } : {}),
        ...(tags.length > 0 ? { tags } : {}),
        ...(picked.length > 0 ? { supplierIds: picked.map((p) => p.id) } : {}),
      },
    };
    try {
      const { data, error: problem } = await api.client.POST('/api/orgs/{orgId}/campaigns', {
        params: { path: { orgId } },
        body,
      });
      if (data) {
        navigate(campaignsPath(orgId, encodeURIComponent(data.id)));
        return;
      }
      setError(problem);
    } catch (failure) {
      setError(failure);
    }
    setSubmitting(false);
  }

  return (
    <div className="page campaign-new">
      <p className="breadcrumb">
        <Link to={campaignsPath(orgId)}>{t('list.title')}</Link>
      </p>
      <h1>{t('new.title')}</h1>
      <p className="muted page-lead">{t('new.lead')}</p>

      <form onSubmit={submit} className="campaign-form" noValidate={false}>
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
              value={title}
              onChange={(e) => setTitle(e.target.value)}
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
                    setCatalogueId(e.target.value);
                    setVersion(null);
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
                  onChange={(e) => setVersion(e.target.value)}
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
                value={dueDate}
                onChange={(e) => setDueDate(e.target.value)}
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
                value={remediationDeadline}
                onChange={(e) => setRemediationDeadline(e.target.value)}
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
                onChange={(e) => setLocale(LOCALES.find((l) => l === e.target.value) ?? 'ja')}
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
              onChange={(e) => setMessage(e.target.value)}
              aria-describedby={`${id}-message-hint`}
            />
            {message !== null && message !== defaultMessage && (
              <button
                type="button"
                className="button button-quiet align-start"
                onClick={() => setMessage(null)}
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
              value={supportOffered}
              onChange={(e) => setSupportOffered(e.target.value)}
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
                  checked={tiers.has(tier)}
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
              value={tagsText}
              placeholder={t('new.tagsPlaceholder')}
              onChange={(e) => {
                setTagsText(e.target.value);
                setSelectionMissing(false);
              }}
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
                setPicked(next);
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

        {error !== null && <ErrorMessage error={error} />}
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
