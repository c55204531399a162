import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { isProblem } from '../../lib/problem';
import { EVIDENCE_ACCEPT, EVIDENCE_MAX_MB, formatBytes } from '../assessment/model';
import { assessmentPath, formatDate, formatDay, localized } from '../campaigns/format';
import { useApiData } from '../campaigns/useApiData';
import { History } from './History';
import { changedFields, type PlanFields, planFields, SUPPLIER_MOVES, supportLink } from './model';
import type { RemediationDetail, RemediationStatus, RemediationUpdate } from './types';
import { multipartFile } from '../../lib/upload';

type Result = { data?: RemediationDetail; error?: unknown };

const evidenceUrl = (assessmentId: string, evidenceId: string) =>
  `/api/assessments/${encodeURIComponent(assessmentId)}/evidence/${encodeURIComponent(evidenceId)}`;

/**
 * One remediation item in full: the supplier edits the plan, changes the status and attaches evidence; the
 * buyer verifies or sends it back. Both see the evidence and the history.
 */
export function RemediationPanel({
  itemId,
  onChanged,
}: {
  itemId: string;
  onChanged(item: RemediationDetail): void;
}) {
  const { t } = useTranslation('remediation');
  const loaded = useApiData(itemId, (signal) =>
    api.client.GET('/api/remediation/{itemId}', { params: { path: { itemId } }, signal }),
  );
  const [local, setLocal] = useState<RemediationDetail | null>(null);
  const item = local ?? loaded.data;

  if (loaded.error !== null && !local) return <ErrorMessage error={loaded.error} />;
  if (!item) return <p role="status">{t('common.loading')}</p>;
  return (
    <LoadedPanel
      key={`${item.id}:${item.version}`}
      item={item}
      onChanged={(next) => {
        setLocal(next);
        onChanged(next);
      }}
    />
  );
}

function LoadedPanel({
  item,
  onChanged,
}: {
  item: RemediationDetail;
  onChanged(item: RemediationDetail): void;
}) {
  const { t, i18n } = useTranslation('remediation');
  const id = useId();
  const [form, setForm] = useState<PlanFields>(() => planFields(item));
  const [riskReason, setRiskReason] = useState(item.riskReason);
  const [riskExpiresOn, setRiskExpiresOn] = useState(item.riskExpiresOn ?? '');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<'saved' | 'conflict' | null>(null);
  const editable = item.viewer.canEdit && item.status !== 'verified';
  const changes = changedFields(item, form);
  const dirty = Object.keys(changes).length > 0;
  const language = i18n.resolvedLanguage;

  async function run(request: () => Promise<Result>, success: 'saved' | null = null) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const { data, error: problem } = await request();
      if (data) {
        onChanged(data);
        if (success) setNotice(success);
      } else if (isProblem(problem) && problem.code === 'REMEDIATION_CONFLICT') {
        const fresh = await api.client.GET('/api/remediation/{itemId}', {
          params: { path: { itemId: item.id } },
        });
        if (fresh.data) onChanged(fresh.data);
        setNotice('conflict');
      } else {
        setError(problem);
      }
    } catch (failure) {
      setError(failure);
    }
    setBusy(false);
  }

  const patch = (body: Partial<RemediationUpdate>) =>
    run(
      () =>
        api.client.PATCH('/api/remediation/{itemId}', {
          params: { path: { itemId: item.id } },
          body: { ...changes, ...body, baseVersion: item.version },
        }),
      'saved',
    );

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void patch({});
  }

  function acceptRisk(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void patch({ status: 'risk_accepted', riskReason, riskExpiresOn: riskExpiresOn || null });
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    await run(() =>
      api.client.POST('/api/remediation/{itemId}/evidence', {
        params: { path: { itemId: item.id } },
        ...multipartFile(file),
      }),
    );
    input.value = '';
  }

  const verify = () =>
    run(() =>
      api.client.POST('/api/remediation/{itemId}/verify', {
        params: { path: { itemId: item.id } },
        body: { baseVersion: item.version },
      }),
    );

  function reopen(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(() =>
      api.client.POST('/api/remediation/{itemId}/reopen', {
        params: { path: { itemId: item.id } },
        body: { baseVersion: item.version, comment: comment.trim() },
      }),
    );
  }

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
        <form onSubmit={save} className="remediation-form" aria-labelledby={`${id}-plan-title`}>
          <h3 id={`${id}-plan-title`}>{t('form.title')}</h3>
          <div className="field">
            <label htmlFor={`${id}-plan`}>{t('form.plan')}</label>
            <textarea
              id={`${id}-plan`}
              data-testid="remediation-plan"
              rows={3}
              maxLength={4000}
              placeholder={t('form.planHint')}
              value={form.plan}
              onChange={(e) => setForm({ ...form, plan: e.target.value })}
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
                value={form.ownerName}
                onChange={(e) => setForm({ ...form, ownerName: e.target.value })}
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
                value={form.dueDate}
                onChange={(e) => setForm({ ...form, dueDate: e.target.value })}
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
              value={form.supportOffer}
              onChange={(e) => setForm({ ...form, supportOffer: e.target.value })}
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
              <form onSubmit={acceptRisk}>
                <div className="field">
                  <label htmlFor={`${id}-risk-reason`}>{t('actions.riskReason')}</label>
                  <textarea
                    id={`${id}-risk-reason`}
                    data-testid="remediation-risk-reason"
                    rows={2}
                    maxLength={2000}
                    required
                    value={riskReason}
                    onChange={(e) => setRiskReason(e.target.value)}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-risk-date`}>{t('actions.riskExpires')}</label>
                  <input
                    id={`${id}-risk-date`}
                    data-testid="remediation-risk-expires"
                    type="date"
                    required
                    value={riskExpiresOn}
                    onChange={(e) => setRiskExpiresOn(e.target.value)}
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
              <form onSubmit={reopen} className="remediation-reopen">
                <div className="field">
                  <label htmlFor={`${id}-reopen`}>{t('review.reopenComment')}</label>
                  <textarea
                    id={`${id}-reopen`}
                    data-testid="remediation-reopen-comment"
                    rows={2}
                    maxLength={2000}
                    required
                    value={comment}
                    onChange={(e) => setComment(e.target.value)}
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
