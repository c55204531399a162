import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { multipartFile, useUploadForm } from '../../lib/upload';

export function ImportSuppliersForm({ orgId, onImported }: { orgId: string; onImported(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const { submitting, error, result, submit } = useUploadForm(
    (file) =>
      api.client.POST('/api/orgs/{orgId}/suppliers/import', {
        params: { path: { orgId } },
        ...multipartFile(file),
      }),
    () => onImported(),
  );
  const created = result?.created ?? null;

  return (
    <details className="panel">
      <summary>{t('importSuppliers.title')}</summary>
      <form onSubmit={submit} className="form-grid">
        <p className="muted" id={`${id}-help`}>
          {t('importSuppliers.help')}
        </p>
        {error !== null && <ErrorMessage error={error} />}
        {created !== null && (
          <p className="alert alert-success" role="status">
            {t('importSuppliers.done', { count: created })}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('importSuppliers.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            name="file"
            accept=".csv,text/csv"
            required
            aria-describedby={`${id}-help`}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submitting}>
            {submitting ? t('importSuppliers.submitting') : t('importSuppliers.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
