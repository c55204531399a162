import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { ConflictDialog } from './ConflictDialog';
import { CriterionHeading } from './CriterionHeading';
import { EvidenceList } from './EvidenceList';
import { ANSWER_CHOICES, criterionAnchor, localized } from './model';
import { ReviewComments } from './ReviewComments';
import type { Answer, Criterion, Evidence, Level, ReviewComment, SavedAnswer, Suggestion } from './types';
import { type SaveState, useAnswerSaver } from './useAnswerSaver';

interface Props {
  assessmentId: string;
  criterion: Criterion;
  levels: readonly Level[];
  answer: Answer | undefined;
  suggestion: Suggestion | undefined;
  evidence: readonly Evidence[];
  comments: readonly ReviewComment[];
  onSaved(saved: SavedAnswer): void;
  onFailed(failure: unknown): void;
  /** The answer changed elsewhere and was taken as it is: fetch the score again. */
  onStale(): void;
}

/** One criterion as the supplier answers it, saved as they go. */
export function AnswerEditor(props: Props) {
  const { assessmentId, criterion, levels, suggestion, evidence, comments } = props;
  const { t, i18n } = useTranslation('assessment');
  const id = useId();
  const cid = criterion.id;
  const saver = useAnswerSaver({
    assessmentId,
    criterionId: cid,
    initial: props.answer,
    onSaved: props.onSaved,
    onFailed: props.onFailed,
  });
  const { draft } = saver;
  const title = localized(criterion.title, i18n.language);
  const returned = comments.length > 0;
  const showSuggestion = suggestion !== undefined && draft.value === null && props.answer === undefined;

  return (
    <article
      id={criterionAnchor(cid)}
      data-testid={`criterion-${cid}`}
      className={`criterion-card${returned ? ' is-returned' : ''}${draft.value === null ? ' is-unanswered' : ''}`}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
    >
      <div id={`${id}-title`}>
        <CriterionHeading criterion={criterion} levels={levels} />
      </div>

      <ReviewComments comments={comments} />

      {showSuggestion && (
        <div className="reuse-banner" role="note">
          <p>
            <strong>{t('reuse.title')}</strong>{' '}
            {t('reuse.body', { value: t(`answer.${suggestion.value}`), source: suggestion.sourceLabel })}
          </p>
          {suggestion.note && <p className="muted">{t('reuse.note', { note: suggestion.note })}</p>}
          <button
            type="button"
            className="button button-primary"
            onClick={() => saver.confirmSuggestion(suggestion)}
          >
            {t('reuse.confirm')}
          </button>
        </div>
      )}

      <fieldset className="answer-choices">
        <legend className="visually-hidden">{t('criterion.answerLegend', { title })}</legend>
        {ANSWER_CHOICES.map((value) => (
          <label key={value} className={`choice choice-${value}`}>
            <input
              type="radio"
              name={`${id}-answer`}
              value={value}
              data-testid={`answer-${cid}-${value}`}
              checked={draft.value === value}
              onChange={() => saver.choose(value)}
            />
            <span>{t(`answer.${value}`)}</span>
          </label>
        ))}
      </fieldset>

      {draft.value === 'not_applicable' && (
        <div className="field">
          <label htmlFor={`${id}-na`}>
            {t('criterion.naReason')} <span className="required">{t('criterion.required')}</span>
          </label>
          <textarea
            id={`${id}-na`}
            data-testid={`na-reason-${cid}`}
            rows={2}
            maxLength={2000}
            required
            aria-required="true"
            aria-invalid={saver.state === 'needsReason'}
            value={draft.naReason}
            onChange={(e) => saver.setNaReason(e.target.value)}
            onBlur={saver.flush}
          />
          <p className="muted hint">{t('criterion.naReasonHelp')}</p>
        </div>
      )}

      <div className="field">
        <label htmlFor={`${id}-note`}>
          {t('criterion.note')} <span className="muted">{t('criterion.optional')}</span>
        </label>
        <textarea
          id={`${id}-note`}
          data-testid={`note-${cid}`}
          rows={2}
          maxLength={2000}
          placeholder={t('criterion.notePlaceholder')}
          value={draft.note}
          onChange={(e) => saver.setNote(e.target.value)}
          onBlur={saver.flush}
        />
      </div>

      <EvidenceList assessmentId={assessmentId} criterionId={cid} items={evidence} editable />

      <div className="save-state" data-testid={`save-state-${cid}`} role="status" aria-live="polite">
        <SaveStateText state={saver.state} />
        {saver.state === 'error' && (
          <button type="button" className="button button-quiet" onClick={saver.retry}>
            {t('save.retry')}
          </button>
        )}
      </div>
      {saver.state === 'error' && saver.error !== null && <ErrorMessage error={saver.error} />}

      {saver.conflict && (
        <ConflictDialog
          title={title}
          mine={saver.conflict.mine}
          theirs={saver.conflict.theirs}
          onKeepMine={saver.keepMine}
          onUseTheirs={() => {
            saver.takeTheirs();
            props.onStale();
          }}
        />
      )}
    </article>
  );
}

function SaveStateText({ state }: { state: SaveState }) {
  const { t } = useTranslation('assessment');
  switch (state) {
    case 'saving':
      return <span className="save-saving">{t('save.saving')}</span>;
    case 'saved':
      return <span className="save-saved">{t('save.saved')}</span>;
    case 'error':
      return <span className="save-error">{t('save.error')}</span>;
    case 'needsReason':
      return <span className="save-error">{t('save.needsReason')}</span>;
    case 'conflict':
      return <span className="save-error">{t('save.conflict')}</span>;
    default:
      return null;
  }
}
