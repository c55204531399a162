import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { CONSENT_LEVELS, type ConsentLevel } from '../insights/types';
import { useSetConsent } from './api';

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
  // The saved level comes back through the assessment (see useSetConsent), so `current` follows it.
  const saved = current;
  const { register, handleSubmit, control } = useForm<{ level: ConsentLevel }>({
    defaultValues: { level: current ?? 'summary' },
  });
  const choice = useWatch({ control, name: 'level' });
  const consent = useSetConsent(assessmentId);
  // "Saved" until another level is picked.
  const done = consent.isSuccess && consent.variables === choice;
  const error = consent.isError ? consent.error : null;

  const save = handleSubmit(({ level }) => consent.mutate(level));

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
                value={level}
                data-testid={`consent-${level}`}
                aria-describedby={`${id}-${level}-help`}
                {...register('level')}
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
        {error !== null && <ErrorMessage error={error} />}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="consent-save"
            disabled={consent.isPending || choice === saved}
          >
            {consent.isPending ? t('common.saving') : t('consentPanel.save')}
          </button>
          <span role="status" className="save-state save-saved">
            {done ? t('consentPanel.saved') : ''}
          </span>
        </div>
      </form>
      <p className="hint">{t('consentPanel.note', { buyer: buyerName, upstream: upstreamName })}</p>
    </section>
  );
}
