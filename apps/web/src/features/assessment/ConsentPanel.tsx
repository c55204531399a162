import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { api } from '../../api/client';
import { CONSENT_LEVELS, type ConsentLevel } from '../insights/types';

/**
 * The supplier chooses what its customer's customers (e.g. the carmaker above its direct customer) may see
 * of this assessment: everything, a summary, or nothing.
 */
export function ConsentPanel({
  assessmentId,
  buyerName,
  upstreamName,
  current,
}: {
  assessmentId: string;
  buyerName: string;
  upstreamName: string;
  current: ConsentLevel | undefined;
}) {
  const { t } = useTranslation('insights');
  const id = useId();
  const [saved, setSaved] = useState<ConsentLevel | undefined>(current);
  const [choice, setChoice] = useState<ConsentLevel>(current ?? 'summary');
  const [state, setState] = useState<{ saving: boolean; error: unknown; done: boolean }>({
    saving: false,
    error: null,
    done: false,
  });

  async function save(event: FormEvent) {
    event.preventDefault();
    setState({ saving: true, error: null, done: false });
    try {
      const { error } = await api.client.PUT('/api/assessments/{assessmentId}/consent', {
        params: { path: { assessmentId } },
        body: { level: choice },
      });
      if (error !== undefined) setState({ saving: false, error, done: false });
      else {
        setSaved(choice);
        setState({ saving: false, error: null, done: true });
      }
    } catch (failure) {
      setState({ saving: false, error: failure, done: false });
    }
  }

  return (
    <section className="panel consent-panel" aria-labelledby={`${id}-title`} data-testid="consent-panel">
      <h2 id={`${id}-title`}>{t('consentPanel.title')}</h2>
      <p>{t('consentPanel.lead', { buyer: buyerName, upstream: upstreamName })}</p>
      <form onSubmit={(e) => void save(e)}>
        <fieldset className="consent-choices">
          <legend>{t('consentPanel.legend', { upstream: upstreamName })}</legend>
          {CONSENT_LEVELS.map((level) => (
            <label key={level} className={`choice consent-choice${choice === level ? ' is-chosen' : ''}`}>
              <input
                type="radio"
                name={`${id}-level`}
                value={level}
                checked={choice === level}
                data-testid={`consent-${level}`}
                aria-describedby={`${id}-${level}-help`}
                onChange={() => {
                  setChoice(level);
                  setState((s) => ({ ...s, done: false }));
                }}
              />
              <span>
                <strong>{t(`consentPanel.${level}.label`)}</strong>
                {saved === level && <span className="badge badge-muted">{t('consentPanel.current')}</span>}
                <span id={`${id}-${level}-help`} className="hint">
                  {t(`consentPanel.${level}.help`, { buyer: buyerName, upstream: upstreamName })}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        {state.error !== null && <ErrorMessage error={state.error} />}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="consent-save"
            disabled={state.saving || choice === saved}
          >
            {state.saving ? t('common.saving') : t('consentPanel.save')}
          </button>
          <span role="status" className="save-state save-saved">
            {state.done ? t('consentPanel.saved') : ''}
          </span>
        </div>
      </form>
      <p className="hint">{t('consentPanel.note', { buyer: buyerName, upstream: upstreamName })}</p>
    </section>
  );
}
