import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';

/** Answer offline: download the questions as an Excel file, fill it in, upload it again. */
export function ExcelPanel({
  assessmentId,
  canImport,
  onImported,
}: {
  assessmentId: string;
  canImport: boolean;
  onImported(): void;
}) {
  const { t, i18n } = useTranslation('assessment');
  const id = useId();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [applied, setApplied] = useState<number | null>(null);
  const locale = i18n.language.startsWith('en') ? 'en' : 'ja';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const file = new FormData(formElement).get('file');
    if (!(file instanceof File) || file.size === 0) return;
    setSubmitting(true);
    setError(null);
    setApplied(null);
    try {
      const { data, error: problem } = await api.client.POST('/api/assessments/{assessmentId}/import', {
        params: { path: { assessmentId } },
        // The schema types a binary part as string; the real part is the File, sent as multipart below.
        body: { file: file.name },
        bodySerializer: () => {
          const multipart = new FormData();
          multipart.append('file', file, file.name);
          return multipart;
        },
      });
      if (data) {
        setApplied(data.applied);
        formElement.reset();
        onImported();
      } else {
        setError(problem);
      }
    } catch (failure) {
      setError(failure);
    }
    setSubmitting(false);
  }

  return (
    <details className="panel excel-panel">
      <summary>{t('excel.title')}</summary>
      <p className="muted">{t('excel.help')}</p>
      <p>
        <a
          className="button"
          data-testid="export-xlsx"
          href={`/api/assessments/${encodeURIComponent(assessmentId)}/export.xlsx?locale=${locale}`}
          download
        >
          {t('excel.export')}
        </a>
      </p>
      {canImport && (
        <form onSubmit={submit}>
          {error !== null && <ErrorMessage error={error} />}
          {applied !== null && (
            <p className="alert alert-success" role="status">
              {t('excel.done', { count: applied })}
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('excel.file')}</label>
            <input
              id={`${id}-file`}
              type="file"
              name="file"
              data-testid="import-xlsx"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
            />
          </div>
          <button type="submit" className="button button-primary" disabled={submitting}>
            {submitting ? t('excel.importing') : t('excel.import')}
          </button>
        </form>
      )}
    </details>
  );
}
