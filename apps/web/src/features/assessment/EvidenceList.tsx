import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useAddEvidence, useRemoveEvidence } from './api';
import { EVIDENCE_ACCEPT, EVIDENCE_MAX_MB, formatBytes } from './model';
import type { Evidence } from './types';

interface Props {
  assessmentId: string;
  criterionId: string;
  items: readonly Evidence[];
  editable: boolean;
}

export const evidenceUrl = (assessmentId: string, evidenceId: string) =>
  `/api/assessments/${encodeURIComponent(assessmentId)}/evidence/${encodeURIComponent(evidenceId)}`;

/**
 * Files that back up an answer: a list with download (and remove) links, plus an upload field when editable.
 * Added and removed files show in the assessment at once (the mutations update its cached copy).
 */
export function EvidenceList({ assessmentId, criterionId, items, editable }: Props) {
  const { t } = useTranslation('assessment');
  const id = useId();
  const { mutateAsync: add } = useAddEvidence(assessmentId, criterionId);
  const { mutateAsync: removeFile } = useRemoveEvidence(assessmentId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    for (const file of files) {
      try {
        await add(file);
      } catch (failure) {
        setError(failure);
        break;
      }
    }
    input.value = '';
    setBusy(false);
  }

  async function remove(evidence: Evidence) {
    if (!window.confirm(t('evidence.removeConfirm', { name: evidence.filename }))) return;
    setBusy(true);
    setError(null);
    try {
      await removeFile(evidence.id);
    } catch (failure) {
      setError(failure);
    }
    setBusy(false);
  }

  if (!editable && items.length === 0) return null;

  return (
    <div className="evidence" aria-busy={busy}>
      <p className="evidence-title">{t('evidence.title')}</p>
      {items.length > 0 ? (
        <ul className="evidence-list">
          {items.map((evidence) => (
            <li key={evidence.id} data-testid="evidence-item" className="evidence-item">
              <a href={evidenceUrl(assessmentId, evidence.id)} download={evidence.filename}>
                {evidence.filename}
              </a>
              <span className="muted"> ({formatBytes(evidence.size)})</span>
              {editable && (
                <button
                  type="button"
                  className="button button-quiet"
                  disabled={busy}
                  onClick={() => void remove(evidence)}
                  aria-label={t('evidence.removeLabel', { name: evidence.filename })}
                >
                  {t('evidence.remove')}
                </button>
              )}
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
            multiple
            accept={EVIDENCE_ACCEPT}
            data-testid={`evidence-input-${criterionId}`}
            aria-describedby={`${id}-help`}
            disabled={busy}
            onChange={(e) => void upload(e)}
          />
          <p className="muted hint" id={`${id}-help`}>
            {t('evidence.help', { max: EVIDENCE_MAX_MB })}
          </p>
          {busy && (
            <p role="status" className="muted">
              {t('evidence.uploading')}
            </p>
          )}
        </div>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </div>
  );
}
