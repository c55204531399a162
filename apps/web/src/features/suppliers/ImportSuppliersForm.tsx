import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';

export function ImportSuppliersForm({ orgId, onImported }: { orgId: string; onImported(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<number | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const file = new FormData(formElement).get('file');
    if (!(file instanceof File) || file.size === 0) return;
    setSubmitting(true);
    setError(null);
    setCreated(null);
    try {
      const { data, error: problem } = await api.client.POST('/api/orgs/{orgId}/suppliers/import', {
        params: { path: { orgId } },
        // The schema types a binary part as string; the real part is the File, sent as multipart below.
        body: { file: file.name },
        bodySerializer: () => {
          const multipart = new FormData();
          multipart.append('file', file, file.name);
          return multipart;
        },
      });
      if (data) {
        setCreated(data.created);
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
