import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useUploadForm } from '../../lib/upload';
import { useImportAnswers } from './api';

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
  // The assessment is fetched again after an import (see useImportAnswers).
  const { submitting, error, result, submit } = useUploadForm(useImportAnswers(assessmentId), () =>
    onImported(),
  );
  const applied = result?.applied ?? null;
  const locale = i18n.language.startsWith('en') ? 'en' : 'ja';

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
