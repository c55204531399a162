import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useConfirmAnswer } from './api';
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
        <ConfirmControls assessmentId={assessmentId} criterionId={cid} current={confirmation} />
      )}
    </article>
  );
}

function ConfirmControls({
  assessmentId,
  criterionId,
  current,
}: {
  assessmentId: string;
  criterionId: string;
  current: Confirmation | undefined;
}) {
  const { t } = useTranslation('assessment');
  const id = useId();
  const { register, control } = useForm({ defaultValues: { note: current?.note ?? '' } });
  const note = useWatch({ control, name: 'note' });
  // The assessment is fetched again after a confirmation (see useConfirmAnswer).
  const confirm = useConfirmAnswer(assessmentId, criterionId);
  const busy = confirm.isPending;
  const error = confirm.isError ? confirm.error : null;

  const decide = (result: ConfirmationResult) => confirm.mutate({ result, note: note.trim() });

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
          {...register('note')}
        />
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid={`confirm-${criterionId}`}
          disabled={busy}
          aria-pressed={current?.result === 'confirmed'}
          onClick={() => decide('confirmed')}
        >
          {t('confirm.confirmButton')}
        </button>
        <button
          type="button"
          className="button"
          data-testid={`reject-${criterionId}`}
          disabled={busy}
          aria-pressed={current?.result === 'rejected'}
          onClick={() => decide('rejected')}
        >
          {t('confirm.rejectButton')}
        </button>
      </div>
      {error !== null && <ErrorMessage error={error} />}
    </div>
  );
}
