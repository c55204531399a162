import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useAssignEvaluator, useDecideAssessment, useMembers } from './api';
import { formatDate } from './AssessmentHeader';
import { levelLabel } from './model';
import type { Assessment } from './types';

/** Return with comments, or accept: the buyer's decision on a submitted assessment. */
export function DecisionPanel({
  assessment,
  comments,
  onDecided,
}: {
  assessment: Assessment;
  /** Comment per criterion id, as typed in the criterion cards. */
  comments: Readonly<Record<string, string>>;
  onDecided(): void;
}) {
  const { t } = useTranslation('assessment');
  const id = useId();
  const { register, control, reset } = useForm({ defaultValues: { message: '' } });
  const message = useWatch({ control, name: 'message' });
  const decision = useDecideAssessment(assessment.id);
  const busy = decision.isPending ? decision.variables.kind : null;
  const error = decision.isError ? decision.error : null;
  const toReturn = Object.entries(comments)
    .map(([criterionId, body]) => ({ criterionId, body: body.trim() }))
    .filter((c) => c.body !== '');

  function decide(kind: 'return' | 'accept') {
    const trimmed = message.trim();
    decision.mutate(
      kind === 'return'
        ? { kind, body: { comments: toReturn, ...(trimmed ? { message: trimmed } : {}) } }
        : { kind, ...(trimmed ? { message: trimmed } : {}) },
      {
        onSuccess: () => {
          reset();
          onDecided();
        },
      },
    );
  }

  return (
    <section className="panel decision-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('review.decisionTitle')}</h2>
      <p className="muted">{t('review.decisionHelp')}</p>
      {error !== null && <ErrorMessage error={error} />}
      <div className="field">
        <label htmlFor={`${id}-message`}>
          {t('review.message')} <span className="muted">{t('criterion.optional')}</span>
        </label>
        <textarea id={`${id}-message`} rows={3} maxLength={2000} {...register('message')} />
      </div>
      <p className="muted" id={`${id}-count`} role="status">
        {toReturn.length > 0 ? t('review.commentCount', { count: toReturn.length }) : t('review.noComments')}
      </p>
      <div className="form-actions decision-actions">
        <button
          type="button"
          className="button"
          data-testid="return-button"
          disabled={busy !== null || toReturn.length === 0}
          aria-describedby={`${id}-count`}
          onClick={() => decide('return')}
        >
          {busy === 'return' ? t('review.returning') : t('review.return')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="accept-button"
          disabled={busy !== null}
          onClick={() => decide('accept')}
        >
          {busy === 'accept' ? t('review.accepting') : t('review.accept')}
        </button>
      </div>
    </section>
  );
}

/** Choose which of the buyer's evaluators checks the answers; the assessment is fetched again afterwards. */
export function EvaluatorAssign({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation('assessment');
  const id = useId();
  // Only the buyer's admins and procurement may list members; for anyone else the choice stays hidden.
  const list = useMembers(assessment.buyer.id).data;
  const members = list ? list.items.filter((m) => m.role === 'evaluator') : null;
  const assign = useAssignEvaluator(assessment.id);
  const busy = assign.isPending;
  const error = assign.isError ? assign.error : null;

  if (members === null) return null;
  const current = assessment.evaluator;
  const missing = current !== null && !members.some((m) => m.userId === current.id);

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('evaluator.title')}</h2>
      <p className="muted">{t('evaluator.help')}</p>
      {error !== null && <ErrorMessage error={error} />}
      <div className="field">
        <label htmlFor={`${id}-select`}>{t('evaluator.label')}</label>
        <select
          id={`${id}-select`}
          data-testid="evaluator-select"
          value={current?.id ?? ''}
          disabled={busy}
          onChange={(e) => assign.mutate(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">{t('evaluator.none')}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name} ({m.email})
            </option>
          ))}
          {missing && <option value={current.id}>{current.name}</option>}
        </select>
      </div>
      {members.length === 0 && <p className="muted">{t('evaluator.noMembers')}</p>}
    </section>
  );
}

/** Every submission round with its outcome. */
export function RoundsHistory({ assessment }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation('assessment');
  const lang = i18n.language;
  if (assessment.submissions.length === 0) return null;
  return (
    <section className="panel rounds" aria-labelledby="assessment-rounds">
      <h2 id="assessment-rounds">{t('history.title')}</h2>
      <ol className="round-list">
        {[...assessment.submissions].reverse().map((s) => (
          <li key={s.round} data-testid="round-item">
            <p>
              <strong>{t('history.round', { round: s.round })}</strong>{' '}
              <span className={`badge outcome-${s.outcome}`}>
                {t(`history.outcome.${outcomeKey(s.outcome)}`)}
              </span>
            </p>
            <p className="muted">
              {t('history.submitted', {
                date: formatDate(s.submittedAt, lang),
                name: s.declaration.name,
                title: s.declaration.title,
              })}
              {' · '}
              {t('history.level', {
                level: levelLabel(assessment.catalogue.levels, s.level, lang) ?? t('score.notReached'),
              })}
            </p>
            {s.decisionMessage && <p className="pre-wrap">{s.decisionMessage}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function outcomeKey(outcome: string): 'pending' | 'returned' | 'accepted' {
  return outcome === 'returned' || outcome === 'accepted' ? outcome : 'pending';
}
