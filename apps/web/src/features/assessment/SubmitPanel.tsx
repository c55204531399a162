import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { type Declaration, useSubmitAssessment } from './api';
import { formatDate } from './AssessmentHeader';
import { localToday } from '../../lib/clock';
import type { Assessment } from './types';

/** The declaration as sent: name and title trimmed, the date as picked. */
export function toDeclaration(values: Declaration): Declaration {
  return { name: values.name.trim(), title: values.title.trim(), date: values.date };
}

/**
 * Management's declaration and the submit button; disabled until every item has an answer. After a submit the
 * assessment is fetched again and the page shows it as submitted.
 */
export function SubmitPanel({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation('assessment');
  const id = useId();
  const { register, handleSubmit } = useForm<Declaration>({
    defaultValues: { name: '', title: '', date: localToday() },
  });
  const submission = useSubmitAssessment(assessment.id);
  const submitting = submission.isPending;
  const error = submission.isError ? submission.error : null;
  const unanswered = Math.max(0, assessment.score.inScope - assessment.score.answered);

  const submit = handleSubmit((values) => submission.mutate(toDeclaration(values)));

  return (
    <section className="submit-panel panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('submit.title')}</h2>
      <p>{t('submit.explanation')}</p>
      <form onSubmit={(e) => void submit(e)} className="form-grid">
        {error !== null && <ErrorMessage error={error} />}
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('submit.name')}</label>
          <input
            id={`${id}-name`}
            data-testid="submit-name"
            required
            maxLength={100}
            autoComplete="name"
            {...register('name', { required: true, maxLength: 100 })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('submit.role')}</label>
          <input
            id={`${id}-role`}
            data-testid="submit-title"
            required
            maxLength={100}
            autoComplete="organization-title"
            placeholder={t('submit.rolePlaceholder')}
            {...register('title', { required: true, maxLength: 100 })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('submit.date')}</label>
          <input
            id={`${id}-date`}
            data-testid="submit-date"
            type="date"
            required
            {...register('date', { required: true })}
          />
        </div>
        <p className="declaration-text">{t('submit.declaration', { company: assessment.supplier.name })}</p>
        {unanswered > 0 && (
          <p className="alert alert-info" id={`${id}-blocked`}>
            {t('submit.unanswered', { count: unanswered })}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary button-block"
            data-testid="submit-button"
            disabled={unanswered > 0 || submitting}
            aria-describedby={unanswered > 0 ? `${id}-blocked` : undefined}
          >
            {submitting ? t('submit.submitting') : t('submit.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** After submitting: what was declared, and that the buyer is now reviewing. */
export function SubmittedNotice({ assessment }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation('assessment');
  const last = assessment.submissions.at(-1);
  return (
    <section className="panel submitted-notice" role="status">
      <h2>{assessment.status === 'accepted' ? t('submitted.acceptedTitle') : t('submitted.title')}</h2>
      <p>{assessment.status === 'accepted' ? t('submitted.acceptedBody') : t('submitted.body')}</p>
      {last && (
        <p className="muted">
          {t('submitted.declaredBy', {
            name: last.declaration.name,
            title: last.declaration.title,
            date: formatDate(last.declaration.date, i18n.language),
          })}
        </p>
      )}
      {last?.decisionMessage && <p className="pre-wrap">{last.decisionMessage}</p>}
    </section>
  );
}
