import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { addDays, formatDate, localToday } from '../../lib/format';
import type { ForwardedCampaign } from '../insights/types';
import { type ForwardBody, useForward, useForwards } from './api';

type Scope = 'all' | 'tags';

export interface ForwardValues {
  dueDate: string;
  message: string;
  supportOffered: string;
  scope: Scope;
  tags: string;
}

/** Tags as typed for a forward ("press, 板金" or separated by spaces). */
export function forwardTags(text: string): string[] {
  return text
    .split(/[,、\s]+/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

export function toForwardBody(values: ForwardValues): ForwardBody {
  const message = values.message.trim();
  const support = values.supportOffered.trim();
  return {
    dueDate: values.dueDate,
    ...(message ? { message } : {}),
    ...(support ? { supportOffered: support } : {}),
    selection: values.scope === 'all' ? { all: true } : { tags: forwardTags(values.tags) },
  };
}

/** A Tier 1 supplier passes the same request on to its own suppliers (a new campaign of its own). */
export function ForwardPanel({ assessmentId, buyerName }: { assessmentId: string; buyerName: string }) {
  const { t } = useTranslation('insights');
  const id = useId();
  const { register, handleSubmit, control } = useForm<ForwardValues>({
    defaultValues: {
      dueDate: addDays(localToday(), 30),
      message: '',
      supportOffered: '',
      scope: 'all',
      tags: '',
    },
  });
  const [scope, tags] = useWatch({ control, name: ['scope', 'tags'] });
  const forward = useForward(assessmentId);
  const sent = useForwards(assessmentId).data?.items ?? [];
  const tagList = forwardTags(tags);
  const result = forward.isSuccess ? forward.data : null;
  const error = forward.isError ? forward.error : null;

  const send = handleSubmit((values) => forward.mutate(toForwardBody(values)));

  return (
    <details className="panel forward-panel" data-testid="forward-panel">
      <summary>{t('forward.title')}</summary>
      <p>{t('forward.lead', { buyer: buyerName })}</p>
      {sent.length > 0 && <ForwardedList items={sent} />}
      {result ? (
        <p className="alert alert-success" role="status" data-testid="forward-done">
          {t('forward.done', {
            assessments: result.assessments,
            invitations: result.invitations,
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
              data-testid="forward-due"
              {...register('dueDate', { required: true })}
            />
          </div>
          <fieldset className="field">
            <legend>{t('forward.who')}</legend>
            <label className="field-check">
              <input type="radio" value="all" {...register('scope')} />
              {t('forward.all')}
            </label>
            <label className="field-check">
              <input type="radio" value="tags" {...register('scope')} />
              {t('forward.byTag')}
            </label>
            {scope === 'tags' && (
              <input
                aria-label={t('forward.tags')}
                placeholder={t('forward.tagsPlaceholder')}
                required
                {...register('tags', { required: true })}
              />
            )}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-message`}>
              {t('forward.message')} <span className="muted">{t('common.optional')}</span>
            </label>
            <textarea id={`${id}-message`} rows={3} {...register('message')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-support`}>
              {t('forward.support')} <span className="muted">{t('common.optional')}</span>
            </label>
            <textarea id={`${id}-support`} rows={2} {...register('supportOffered')} />
          </div>
          {error !== null && <ErrorMessage error={error} />}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="forward-button"
              disabled={forward.isPending || (scope === 'tags' && tagList.length === 0)}
            >
              {forward.isPending ? t('forward.sending') : t('forward.send')}
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
