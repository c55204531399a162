import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useMe } from '../auth/session';
import { ClaimAccountPanel, type RespondLocationState } from '../respond/ClaimAccountPanel';
import { AnswerEditor } from './AnswerEditor';
import { AssessmentHeader } from './AssessmentHeader';
import { DecisionPanel, EvaluatorAssign, RoundsHistory } from './BuyerPanels';
import { ExcelPanel } from './ExcelPanel';
import { InviteColleaguePanel } from './InviteColleaguePanel';
import { UpcomingReminders } from './UpcomingReminders';
import {
  byId,
  EDITABLE_STATUSES,
  groupBy,
  hasCode,
  localized,
  pendingSuggestion,
  sectionsOf,
  upsertAnswer,
} from './model';
import { ReviewCard } from './ReviewCard';
import { ScorePanel } from './ScorePanel';
import { SubmitPanel, SubmittedNotice } from './SubmitPanel';
import { SupplierInsightsPanels } from './SupplierInsightsPanels';
import { assessmentKeys, useAssessment, useUpdateAssessment } from './api';
import type { Assessment, SavedAnswer } from './types';

export function AssessmentPage() {
  const { t } = useTranslation('assessment');
  const { assessmentId = '' } = useParams();
  const queryClient = useQueryClient();
  const { data: assessment, error } = useAssessment(assessmentId);
  const update = useUpdateAssessment(assessmentId);
  // Fetch again (after a submit, a review decision, an import…); the current data stays shown meanwhile.
  const reload = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: assessmentKeys.detail(assessmentId) }),
    [queryClient, assessmentId],
  );

  if (!assessment) {
    if (error !== null) {
      return (
        <div className="page-status">
          {hasCode(error, 'NOT_FOUND') ? (
            <p className="alert alert-error" role="alert">
              {t('page.notFound')}
            </p>
          ) : (
            <ErrorMessage error={error} />
          )}
          <p>
            <button type="button" className="button" onClick={reload}>
              {t('page.retry')}
            </button>{' '}
            <Link to="/">{t('page.home')}</Link>
          </p>
        </div>
      );
    }
    return (
      <p className="page-status" role="status">
        {t('page.loading')}
      </p>
    );
  }
  return <AssessmentView assessment={assessment} reload={reload} update={update} />;
}

interface ViewProps {
  assessment: Assessment;
  reload(): void;
  update(change: (current: Assessment) => Assessment): void;
}

function AssessmentView({ assessment, reload, update }: ViewProps) {
  const { t, i18n } = useTranslation('assessment');
  const lang = i18n.language;
  const location = useLocation();
  const respond = (location.state ?? {}) as RespondLocationState;
  const [generation, setGeneration] = useState(0);
  const [returnComments, setReturnComments] = useState<Record<string, string>>({});

  const roles = new Set(assessment.viewerRoles);
  // Members of the supplier and guests of this assessment answer it; only the supplier's admins invite
  // colleagues into the organization.
  const isGuest = roles.has('guest');
  const isSupplier = roles.has('supplier') || isGuest;
  const me = useMe();
  const supplierAdmin = me.memberships.some(
    (m) => m.organizationId === assessment.supplier.id && m.role === 'admin',
  );
  const reviewer = roles.has('buyer') || roles.has('evaluator');
  const editing = isSupplier && EDITABLE_STATUSES.has(assessment.status);
  const submitted = assessment.status === 'submitted';
  const canReturn = roles.has('buyer') && submitted;
  const canConfirm =
    roles.has('evaluator') && (assessment.status === 'submitted' || assessment.status === 'accepted');

  const sections = useMemo(() => sectionsOf(assessment.catalogue), [assessment.catalogue]);
  const answers = useMemo(() => byId(assessment.answers), [assessment.answers]);
  const evidence = useMemo(() => groupBy(assessment.evidence), [assessment.evidence]);
  const confirmations = useMemo(() => byId(assessment.confirmations), [assessment.confirmations]);
  // Comments of the round being answered now (the latest submission).
  const comments = useMemo(
    () => groupBy(assessment.comments.filter((c) => c.round === assessment.round)),
    [assessment.comments, assessment.round],
  );
  const pendingReuse = editing ? assessment.suggestions.filter((s) => !answers.has(s.criterionId)).length : 0;

  const onSaved = useCallback(
    (saved: SavedAnswer) =>
      update((a) => ({
        ...a,
        score: saved.score,
        status: saved.status,
        answers: upsertAnswer(a.answers, saved.answer),
      })),
    [update],
  );
  const onFailed = useCallback(
    (failure: unknown) => {
      if (hasCode(failure, 'ASSESSMENT_LOCKED') || hasCode(failure, 'ASSESSMENT_STATE')) reload();
    },
    [reload],
  );
  const afterDecision = useCallback(() => setReturnComments({}), []);

  return (
    <div className={`assessment-page${editing ? ' is-editing' : ''}`}>
      <AssessmentHeader assessment={assessment} supplierView={isSupplier && !reviewer} />
      {isGuest && !roles.has('supplier') && (
        <p className="muted guest-note" data-testid="guest-note">
          {t('guest.note')}
        </p>
      )}
      {isSupplier && respond.needsPassword && <ClaimAccountPanel />}
      {editing && supplierAdmin && <InviteColleaguePanel supplierId={assessment.supplier.id} />}
      {isSupplier && <UpcomingReminders assessmentId={assessment.id} />}
      {isSupplier && assessment.status === 'returned' && (
        <p className="alert alert-warning" role="status">
          {t('review.returnedNotice', { count: comments.size })}
        </p>
      )}

      <div className="assessment-layout">
        <ScorePanel assessment={assessment} showConfirmed={reviewer} pendingReuse={pendingReuse} />

        <div className="assessment-main">
          {(editing || reviewer) && (
            <ExcelPanel
              assessmentId={assessment.id}
              canImport={editing}
              onImported={() => setGeneration((n) => n + 1)}
            />
          )}
          {roles.has('buyer') && <EvaluatorAssign assessment={assessment} />}

          <div key={generation} className="sections">
            {sections.map(({ groupId, title, criteria }) => {
              const answered = criteria.filter((c) => answers.has(c.id)).length;
              const tally = assessment.score.categories[groupId];
              return (
                <details key={groupId} className="section" open>
                  <summary>
                    <h2 className="section-title">{localized(title, lang)}</h2>
                    <span className="section-progress">
                      {t('section.progress', { answered, total: criteria.length })}
                      {tally && tally.applicable > 0 && (
                        <> · {t('section.met', { met: tally.met, applicable: tally.applicable })}</>
                      )}
                    </span>
                    <progress
                      className="section-bar"
                      max={criteria.length}
                      value={answered}
                      aria-label={t('section.progressLabel', { title: localized(title, lang) })}
                    />
                  </summary>
                  {criteria.map((criterion) =>
                    editing ? (
                      <AnswerEditor
                        key={criterion.id}
                        assessmentId={assessment.id}
                        criterion={criterion}
                        levels={assessment.catalogue.levels}
                        answer={answers.get(criterion.id)}
                        suggestion={pendingSuggestion(
                          assessment.suggestions,
                          criterion.id,
                          answers.has(criterion.id),
                        )}
                        evidence={evidence.get(criterion.id) ?? []}
                        comments={assessment.status === 'returned' ? (comments.get(criterion.id) ?? []) : []}
                        onSaved={onSaved}
                        onFailed={onFailed}
                        onStale={reload}
                      />
                    ) : (
                      <ReviewCard
                        key={criterion.id}
                        assessmentId={assessment.id}
                        criterion={criterion}
                        levels={assessment.catalogue.levels}
                        answer={answers.get(criterion.id)}
                        evidence={evidence.get(criterion.id) ?? []}
                        comments={comments.get(criterion.id) ?? []}
                        confirmation={confirmations.get(criterion.id)}
                        returnComment={
                          canReturn
                            ? {
                                value: returnComments[criterion.id] ?? '',
                                onChange: (value) =>
                                  setReturnComments((all) => ({ ...all, [criterion.id]: value })),
                              }
                            : undefined
                        }
                        canConfirm={canConfirm}
                      />
                    ),
                  )}
                </details>
              );
            })}
          </div>

          {editing && <SubmitPanel assessment={assessment} />}
          {isSupplier && !editing && <SubmittedNotice assessment={assessment} />}
          {isSupplier && <SupplierInsightsPanels assessment={assessment} />}
          {canReturn && (
            <DecisionPanel assessment={assessment} comments={returnComments} onDecided={afterDecision} />
          )}
          {(reviewer || assessment.submissions.length > 0) && <RoundsHistory assessment={assessment} />}
        </div>
      </div>
    </div>
  );
}
