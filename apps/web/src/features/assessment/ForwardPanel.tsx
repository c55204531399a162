import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { addDays, formatDate, localToday } from '../campaigns/format';
import { useApiData } from '../campaigns/useApiData';
import { api } from '../../api/client';
import type { ForwardedCampaign, ForwardResult } from '../insights/types';

type Scope = 'all' | 'tags';

/** A Tier 1 supplier passes the same request on to its own suppliers (a new campaign of its own). */
export function ForwardPanel({ assessmentId, buyerName }: { assessmentId: string; buyerName: string }) {
  const { t } = useTranslation('insights');
  const id = useId();
  const [dueDate, setDueDate] = useState(() => addDays(localToday(), 30));
  const [message, setMessage] = useState('');
  const [supportOffered, setSupportOffered] = useState('');
  const [scope, setScope] = useState<Scope>('all');
  const [tags, setTags] = useState('');
  const [state, setState] = useState<{ sending: boolean; error: unknown; result: ForwardResult | null }>({
    sending: false,
    error: null,
    result: null,
  });

  const forwards = useApiData(JSON.stringify([assessmentId, state.result?.campaignId ?? null]), (signal) =>
    api.client.GET('/api/assessments/{assessmentId}/forwards', {
      params: { path: { assessmentId } },
      signal,
    }),
  );
  const sent = forwards.data?.items ?? [];

  const tagList = tags
    .split(/[,、\s]+/)
    .map((tag) => tag.trim())
    .filter(Boolean);

  async function send(event: FormEvent) {
    event.preventDefault();
    setState({ sending: true, error: null, result: null });
    try {
      const { data, error } = await api.client.POST('/api/assessments/{assessmentId}/forward', {
        params: { path: { assessmentId } },
        body: {
          dueDate,
          ...(message.trim() ? { message: message.trim() } : {}),
          ...(supportOffered.trim() ? { supportOffered: supportOffered.trim() } : {}),
          selection: scope === 'all' ? { all: true } : { tags: tagList },
        },
      });
      setState({ sending: false, error: data ? null : error, result: data ?? null });
    } catch (failure) {
      setState({ sending: false, error: failure, result: null });
    }
  }

  return (
    <details className="panel forward-panel" data-testid="forward-panel">
      <summary>{t('forward.title')}</summary>
      <p>{t('forward.lead', { buyer: buyerName })}</p>
      {sent.length > 0 && <ForwardedList items={sent} />}
      {state.result ? (
        <p className="alert alert-success" role="status" data-testid="forward-done">
          {t('forward.done', {
            assessments: state.result.assessments,
            invitations: state.result.invitations,
          })}
        </p>
      ) : (
        <form onSubmit={(e) => void send(e)} className="forward-form">
          <div className="field">
            <label htmlFor={`${id}-due`}>{t('forward.dueDate')}</label>
            <input
              id={`${id}-due`}
              type="date"
              required
              min={localToday()}
              value={dueDate}
              data-testid="forward-due"
              onChange={(e) => setDueDate(e.target.value)}
            />
          </div>
          <fieldset className="field">
            <legend>{t('forward.who')}</legend>
            <label className="field-check">
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'all'}
                onChange={() => setScope('all')}
              />
              {t('forward.all')}
            </label>
            <label className="field-check">
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'tags'}
                onChange={() => setScope('tags')}
              />
              {t('forward.byTag')}
            </label>
            {scope === 'tags' && (
              <input
                aria-label={t('forward.tags')}
                placeholder={t('forward.tagsPlaceholder')}
                value={tags}
                required
                onChange={(e) => setTags(e.target.value)}
              />
            )}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-message`}>
              {t('forward.message')} <span className="muted">{t('common.optional')}</span>
            </label>
            <textarea
              id={`${id}-message`}
              rows={3}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-support`}>
              {t('forward.support')} <span className="muted">{t('common.optional')}</span>
            </label>
            <textarea
              id={`${id}-support`}
              rows={2}
              value={supportOffered}
              onChange={(e) => setSupportOffered(e.target.value)}
            />
          </div>
          {state.error !== null && <ErrorMessage error={state.error} />}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="forward-button"
              disabled={state.sending || (scope === 'tags' && tagList.length === 0)}
            >
              {state.sending ? t('forward.sending') : t('forward.send')}
            </button>
          </div>
        </form>
      )}
    </details>
  );
}

/** Requests already passed on from this assessment, with how many suppliers share what upstream. */
function ForwardedList({ items }: { items: readonly ForwardedCampaign[] }) {
  const { t, i18n } = useTranslation('insights');
  return (
    <ul className="forwarded-list" data-testid="forwarded-list">
      {items.map((item) => (
        <li key={item.campaignId}>
          <strong>{item.title}</strong>{' '}
          <span className="muted">
            {t('forward.sentSummary', {
              count: item.supplierCount,
              date: formatDate(item.dueDate, i18n.resolvedLanguage),
              full: item.consentCounts.full ?? 0,
              summary: item.consentCounts.summary ?? 0,
              none: item.consentCounts.none ?? 0,
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}
