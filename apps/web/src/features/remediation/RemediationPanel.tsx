import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { formatDate, formatDay, localized } from '../../lib/format';
import { assessmentPath } from '../../lib/paths';
import { isProblem } from '../../lib/problem';
import { EVIDENCE_ACCEPT, EVIDENCE_MAX_MB, formatBytes } from '../assessment/model';
import {
  fetchRemediationItem,
  type RemediationChange,
  storeRemediationItem,
  useChangeRemediation,
  useRemediationItem,
} from './api';
import { History } from './History';
import { changedFields, type PlanFields, planFields, SUPPLIER_MOVES, supportLink } from './model';
import type { RemediationDetail, RemediationStatus, RemediationUpdate } from './types';

const evidenceUrl = (assessmentId: string, evidenceId: string) =>
  `/api/assessments/${encodeURIComponent(assessmentId)}/evidence/${encodeURIComponent(evidenceId)}`;

const isConflict = (failure: unknown) => isProblem(failure) && failure.code === 'REMEDIATION_CONFLICT';

/**
 * One remediation item in full: the supplier edits the plan, changes the status and attaches evidence; the
 * buyer verifies or sends it back. Both see the evidence and the history. A change updates the item and every
 * list that shows it (see storeRemediationItem).
 */
export function RemediationPanel({ itemId }: { itemId: string }) {
  const { t } = useTranslation('remediation');
  const loaded = useRemediationItem(itemId);
  const item = loaded.data;

  if (loaded.isError && !item) return <ErrorMessage error={loaded.error} />;
  if (!item) return <p role="status">{t('common.loading')}</p>;
  return <LoadedPanel key={`${item.id}:${item.version}`} item={item} />;
}

function LoadedPanel({ item }: { item: RemediationDetail }) {
  const { t, i18n } = useTranslation('remediation');
  const id = useId();
  const queryClient = useQueryClient();
  const change = useChangeRemediation(item.id);
  const busy = change.isPending;
  const error = change.isError && !isConflict(change.error) ? change.error : null;
  const [notice, setNotice] = useState<'saved' | 'conflict' | null>(null);
  const planForm = useForm<PlanFields>({ defaultValues: planFields(item) });
  const riskForm = useForm({
    defaultValues: { riskReason: item.riskReason, riskExpiresOn: item.riskExpiresOn ?? '' },
  });
  const reopenForm = useForm({ defaultValues: { comment: '' } });
  const form = { ...planFields(item), ...useWatch({ control: planForm.control }) };
  const comment = useWatch({ control: reopenForm.control, name: 'comment' });
  const editable = item.viewer.canEdit && item.status !== 'verified';
  const changes = changedFields(item, form);
  const dirty = Object.keys(changes).length > 0;
  const language = i18n.resolvedLanguage;

  async function run(request: RemediationChange, success: 'saved' | null = null) {
    setNotice(null);
    try {
      await change.mutateAsync(request);
      if (success) setNotice(success);
    } catch (failure) {
      if (!isConflict(failure)) return;
      // Someone else changed the item meanwhile: show it as it is now.
      try {
        storeRemediationItem(queryClient, await fetchRemediationItem(item.id));
      } catch {
        // The item stays as shown; the notice still explains.
      }
      setNotice('conflict');
    }
  }

  const patch = (body: Partial<RemediationUpdate>) =>
    run({ kind: 'update', body: { ...changes, ...body, baseVersion: item.version } }, 'saved');

  const save = planForm.handleSubmit(() => patch({}));

  const acceptRisk = riskForm.handleSubmit(({ riskReason, riskExpiresOn }) =>
    patch({ status: 'risk_accepted', riskReason, riskExpiresOn: riskExpiresOn || null }),
  );

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    await run({ kind: 'evidence', file });
    input.value = '';
  }

  const verify = () => run({ kind: 'verify', baseVersion: item.version });

  const reopen = reopenForm.handleSubmit(({ comment: text }) =>
    run({ kind: 'reopen', baseVersion: item.version, comment: text.trim() }),
  );

  const moves = editable ? SUPPLIER_MOVES[item.status] : [];
  const link = supportLink(item.supportOffer);

  return (
    <div className="remediation-panel" data-testid="remediation-panel" aria-busy={busy}>
      {localized(item.criterion.explanation, language) && (
        <p className="muted">{localized(item.criterion.explanation, language)}</p>
      )}
      <p>
        <Link to={assessmentPath(item.assessmentId)} data-testid="remediation-assessment-link">
          {t('item.assessment')}
        </Link>
      </p>
      {item.remediationDeadline && (
        <p className="hint">{t('item.deadline', { date: formatDate(item.remediationDeadline, language) })}</p>
      )}
      {notice === 'conflict' && (
        <p className="alert alert-warning" role="alert" data-testid="remediation-conflict">
          {t('form.conflict')}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}

      {editable ? (
        <form
          onSubmit={(e) => void save(e)}
          className="remediation-form"
          aria-labelledby={`${id}-plan-title`}
        >
          <h3 id={`${id}-plan-title`}>{t('form.title')}</h3>
          <div className="field">
            <label htmlFor={`${id}-plan`}>{t('form.plan')}</label>
            <textarea
              id={`${id}-plan`}
              data-testid="remediation-plan"
              rows={3}
              maxLength={4000}
              placeholder={t('form.planHint')}
              {...planForm.register('plan')}
            />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-owner`}>{t('form.owner')}</label>
              <input
                id={`${id}-owner`}
                data-testid="remediation-owner"
                maxLength={200}
                aria-describedby={`${id}-owner-hint`}
                {...planForm.register('ownerName')}
              />
              <p className="hint muted" id={`${id}-owner-hint`}>
                {t('form.ownerHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-due`}>{t('form.due')}</label>
              <input
                id={`${id}-due`}
                data-testid="remediation-due"
                type="date"
                max={item.remediationDeadline ?? undefined}
                {...planForm.register('dueDate')}
              />
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-support`}>{t('form.support')}</label>
            <textarea
              id={`${id}-support`}
              data-testid="remediation-support"
              rows={2}
              maxLength={2000}
              placeholder={t('form.supportHint')}
              {...planForm.register('supportOffer')}
            />
          </div>
          <div className="form-actions remediation-save-row">
            <button
              type="submit"
              className="button button-primary"
              data-testid="remediation-save"
              disabled={busy || !dirty}
            >
              {busy ? t('form.saving') : t('form.save')}
            </button>
            <span className="save-state" role="status" data-testid="remediation-save-state">
              {dirty ? t('form.unsaved') : notice === 'saved' ? t('form.saved') : ''}
            </span>
          </div>
        </form>
      ) : (
        <dl className="facts remediation-facts">
          <div>
            <dt>{t('form.plan')}</dt>
            <dd className="pre-wrap" data-testid="remediation-plan-text">
              {item.plan || '—'}
            </dd>
          </div>
          <div>
            <dt>{t('form.owner')}</dt>
            <dd>{item.ownerName || '—'}</dd>
          </div>
          <div>
            <dt>{t('form.due')}</dt>
            <dd>{item.dueDate ? formatDate(item.dueDate, language) : t('item.noDue')}</dd>
          </div>
          <div>
            <dt>{t('form.support')}</dt>
            <dd className="pre-wrap">
              {link ? (
                <a href={link} target="_blank" rel="noreferrer noopener">
                  {link}
                </a>
              ) : (
                item.supportOffer || '—'
              )}
            </dd>
          </div>
        </dl>
      )}

      {item.status === 'risk_accepted' && (
        <p className="alert alert-info">
          {t('actions.riskCurrent', {
            reason: item.riskReason,
            date: item.riskExpiresOn ? formatDate(item.riskExpiresOn, language) : '—',
          })}
        </p>
      )}

      {moves.length > 0 && (
        <section className="remediation-actions" aria-labelledby={`${id}-actions`}>
          <h3 id={`${id}-actions`}>{t('actions.title')}</h3>
          <div className="remediation-buttons">
            {moves.map((status: RemediationStatus) => (
              <button
                key={status}
                type="button"
                className={status === 'done' ? 'button button-primary' : 'button'}
                data-testid={`remediation-move-${status}`}
                disabled={busy || (status === 'done' && item.evidence.length === 0)}
                onClick={() => void patch({ status })}
              >
                {t(`actions.${status as 'open' | 'planned' | 'in_progress' | 'done'}`)}
              </button>
            ))}
          </div>
          {moves.includes('done') && item.evidence.length === 0 && (
            <p className="hint muted">{t('actions.needEvidence')}</p>
          )}
          {item.status !== 'risk_accepted' && item.status !== 'done' && (
            <details className="remediation-risk">
              <summary>{t('actions.riskTitle')}</summary>
              <form onSubmit={(e) => void acceptRisk(e)}>
                <div className="field">
                  <label htmlFor={`${id}-risk-reason`}>{t('actions.riskReason')}</label>
                  <textarea
                    id={`${id}-risk-reason`}
                    data-testid="remediation-risk-reason"
                    rows={2}
                    maxLength={2000}
                    required
                    {...riskForm.register('riskReason', { required: true })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-risk-date`}>{t('actions.riskExpires')}</label>
                  <input
                    id={`${id}-risk-date`}
                    data-testid="remediation-risk-expires"
                    type="date"
                    required
                    {...riskForm.register('riskExpiresOn', { required: true })}
                  />
                </div>
                <button
                  type="submit"
                  className="button"
                  data-testid="remediation-risk-submit"
                  disabled={busy}
                >
                  {t('actions.riskSubmit')}
                </button>
              </form>
            </details>
          )}
        </section>
      )}

      <section className="evidence" aria-labelledby={`${id}-evidence`}>
        <h3 id={`${id}-evidence`} className="evidence-title">
          {t('evidence.title')}
        </h3>
        {item.evidence.length > 0 ? (
          <ul className="evidence-list">
            {item.evidence.map((evidence) => (
              <li key={evidence.id} className="evidence-item" data-testid="remediation-evidence-item">
                <a href={evidenceUrl(item.assessmentId, evidence.id)} download={evidence.filename}>
                  {evidence.filename}
                </a>
                <span className="muted"> ({formatBytes(evidence.size)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('evidence.none')}</p>
        )}
        {editable && (
          <div className="field evidence-upload">
            <label htmlFor={`${id}-file`}>{t('evidence.add')}</label>
            <input
              id={`${id}-file`}
              type="file"
              accept={EVIDENCE_ACCEPT}
              data-testid="remediation-evidence-input"
              aria-describedby={`${id}-file-help`}
              disabled={busy}
              onChange={(e) => void upload(e)}
            />
            <p className="muted hint" id={`${id}-file-help`}>
              {t('evidence.help', { max: EVIDENCE_MAX_MB })}
            </p>
          </div>
        )}
      </section>

      {item.viewer.canVerify && (
        <section className="remediation-review" aria-labelledby={`${id}-review`}>
          <h3 id={`${id}-review`}>{t('review.title')}</h3>
          {item.status === 'done' ? (
            <>
              <p className="hint">{t('review.verifyHint')}</p>
              <button
                type="button"
                className="button button-primary"
                data-testid="remediation-verify"
                disabled={busy}
                onClick={() => void verify()}
              >
                {t('review.verify')}
              </button>
              <form onSubmit={(e) => void reopen(e)} className="remediation-reopen">
                <div className="field">
                  <label htmlFor={`${id}-reopen`}>{t('review.reopenComment')}</label>
                  <textarea
                    id={`${id}-reopen`}
                    data-testid="remediation-reopen-comment"
                    rows={2}
                    maxLength={2000}
                    required
                    {...reopenForm.register('comment', { required: true })}
                  />
                </div>
                <button
                  type="submit"
                  className="button"
                  data-testid="remediation-reopen"
                  disabled={busy || comment.trim() === ''}
                >
                  {t('review.reopen')}
                </button>
              </form>
            </>
          ) : item.status === 'verified' ? (
            <p data-testid="remediation-verified-by">
              {t('item.verifiedBy', {
                name: item.verifiedByName ?? '—',
                date: item.verifiedAt ? formatDay(item.verifiedAt, language) : '—',
              })}
            </p>
          ) : (
            <p className="muted">{t('review.waiting')}</p>
          )}
        </section>
      )}

      <History events={item.history} />
    </div>
  );
}
