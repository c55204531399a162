import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { CriterionHeading } from './CriterionHeading';
import { EvidenceList } from './EvidenceList';
import { criterionAnchor } from './model';
import { ReviewComments } from './ReviewComments';
import type {
  Answer,
  Confirmation,
  ConfirmationResult,
  Criterion,
  Evidence,
  Level,
  ReviewComment,
} from './types';

interface Props {
  assessmentId: string;
  criterion: Criterion;
  levels: readonly Level[];
  answer: Answer | undefined;
  evidence: readonly Evidence[];
  comments: readonly ReviewComment[];
  confirmation: Confirmation | undefined;
  /** The buyer may write a comment to send this criterion back (assessment submitted). */
  returnComment?: { value: string; onChange(value: string): void };
  /** The evaluator may confirm or reject the answer. */
  canConfirm: boolean;
  onConfirmed(): void;
}

/** One criterion read-only: the answer as given, its evidence, and the review tools of the viewer. */
export function ReviewCard(props: Props) {
  const { assessmentId, criterion, levels, answer, evidence, comments, confirmation, returnComment } = props;
  const { t } = useTranslation('assessment');
  const id = useId();
  const cid = criterion.id;

  return (
    <article
      id={criterionAnchor(cid)}
      data-testid={`criterion-${cid}`}
      className={`criterion-card${comments.length > 0 ? ' is-returned' : ''}`}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
    >
      <div id={`${id}-title`}>
        <CriterionHeading criterion={criterion} levels={levels} />
      </div>
      <dl className="answer-readonly">
        <dt>{t('criterion.answer')}</dt>
        <dd>
          {answer ? (
            <span className={`answer-value answer-${answer.value}`}>{t(`answer.${answer.value}`)}</span>
          ) : (
            <span className="muted">{t('answer.none')}</span>
          )}
        </dd>
        {answer?.value === 'not_applicable' && (
          <>
            <dt>{t('criterion.naReason')}</dt>
            <dd>{answer.naReason}</dd>
          </>
        )}
        {answer?.note && (
          <>
            <dt>{t('criterion.note')}</dt>
            <dd className="pre-wrap">{answer.note}</dd>
          </>
        )}
        {confirmation && (
          <>
            <dt>{t('confirm.result')}</dt>
            <dd>
              <span className={`badge badge-${confirmation.result}`}>
                {t(`confirm.${confirmation.result}`)}
              </span>
              {confirmation.note && <span className="pre-wrap"> {confirmation.note}</span>}
            </dd>
          </>
        )}
      </dl>
      <EvidenceList assessmentId={assessmentId} criterionId={cid} items={evidence} editable={false} />
      <ReviewComments comments={comments} />

      {returnComment && (
        <div className="field">
          <label htmlFor={`${id}-return`}>{t('review.returnCommentLabel')}</label>
          <textarea
            id={`${id}-return`}
            data-testid={`return-comment-${cid}`}
            rows={2}
            maxLength={2000}
            placeholder={t('review.returnCommentPlaceholder')}
            value={returnComment.value}
            onChange={(e) => returnComment.onChange(e.target.value)}
          />
        </div>
      )}

      {props.canConfirm && answer && (
        <ConfirmControls
          assessmentId={assessmentId}
          criterionId={cid}
          current={confirmation}
          onConfirmed={props.onConfirmed}
        />
      )}
    </article>
  );
}

function ConfirmControls({
  assessmentId,
  criterionId,
  current,
  onConfirmed,
}: {
  assessmentId: string;
  criterionId: string;
  current: Confirmation | undefined;
  onConfirmed(): void;
}) {
  const { t } = useTranslation('assessment');
  const id = useId();
  const [note, setNote] = useState(current?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function decide(result: ConfirmationResult) {
    setBusy(true);
    setError(null);
    try {
      const { response, error: problem } = await api.client.PUT(
        '/api/assessments/{assessmentId}/confirmations/{criterionId}',
        {
          params: { path: { assessmentId, criterionId } },
          body: { result, ...(note.trim() ? { note: note.trim() } : {}) },
        },
      );
      if (response.ok) onConfirmed();
      else setError(problem);
    } catch (failure) {
      setError(failure);
    }
    setBusy(false);
  }

  return (
    <div className="confirm-controls">
      <div className="field">
        <label htmlFor={`${id}-note`}>
          {t('confirm.note')} <span className="muted">{t('criterion.optional')}</span>
        </label>
        <textarea
          id={`${id}-note`}
          data-testid={`confirm-note-${criterionId}`}
          rows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid={`confirm-${criterionId}`}
          disabled={busy}
          aria-pressed={current?.result === 'confirmed'}
          onClick={() => void decide('confirmed')}
        >
          {t('confirm.confirmButton')}
        </button>
        <button
          type="button"
          className="button"
          data-testid={`reject-${criterionId}`}
          disabled={busy}
          aria-pressed={current?.result === 'rejected'}
          onClick={() => void decide('rejected')}
        >
          {t('confirm.rejectButton')}
        </button>
      </div>
      {error !== null && <ErrorMessage error={error} />}
    </div>
  );
}
