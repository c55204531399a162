import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { formatDate } from './AssessmentHeader';
import { localToday } from '../../lib/clock';
import type { Assessment } from './types';

/** Management's declaration and the submit button; disabled until every item has an answer. */
export function SubmitPanel({ assessment, onSubmitted }: { assessment: Assessment; onSubmitted(): void }) {
  const { t } = useTranslation('assessment');
  const id = useId();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(() => localToday());
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const unanswered = Math.max(0, assessment.score.inScope - assessment.score.answered);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const { response, error: problem } = await api.client.POST('/api/assessments/{assessmentId}/submit', {
        params: { path: { assessmentId: assessment.id } },
        body: { declaration: { name: name.trim(), title: title.trim(), date } },
      });
      if (response.ok) {
        onSubmitted();
      } else {
        setError(problem);
      }
    } catch (failure) {
      setError(failure);
    }
    setSubmitting(false);
  }

  return (
    <section className="submit-panel panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('submit.title')}</h2>
      <p>{t('submit.explanation')}</p>
      <form onSubmit={submit} className="form-grid">
        {error !== null && <ErrorMessage error={error} />}
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('submit.name')}</label>
          <input
            id={`${id}-name`}
            data-testid="submit-name"
            required
            maxLength={100}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
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
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('submit.date')}</label>
          <input
            id={`${id}-date`}
            data-testid="submit-date"
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
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
