import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useUploadForm } from '../../lib/upload';
import { useImportSuppliers } from './api';

/** A CSV of suppliers; the list shows them once imported (the network's cached pages are refetched). */
export function ImportSuppliersForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const { submitting, error, result, submit } = useUploadForm(useImportSuppliers(orgId));
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
