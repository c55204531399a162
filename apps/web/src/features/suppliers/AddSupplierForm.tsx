import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AddSupplierBody, Criticality } from '../../api/types';
import { ErrorMessage } from '../../lib/ErrorMessage';

export const CRITICALITIES: readonly Criticality[] = ['low', 'medium', 'high', 'critical'];

interface FormState {
  name: string;
  corporateNumber: string;
  contactEmail: string;
  tags: string;
  criticality: Criticality;
  discloseUpstream: boolean;
}

const emptyForm: FormState = {
  name: '',
  corporateNumber: '',
  contactEmail: '',
  tags: '',
  criticality: 'medium',
  discloseUpstream: false,
};

/** Splits "a, b、c" into tags (ASCII or Japanese commas), dropping blanks and repeats. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,、，]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

export function toAddSupplierBody(form: FormState): AddSupplierBody {
  const corporateNumber = form.corporateNumber.trim();
  const contactEmail = form.contactEmail.trim();
  return {
    name: form.name.trim(),
    criticality: form.criticality,
    discloseUpstream: form.discloseUpstream,
    tags: parseTags(form.tags),
    ...(corporateNumber ? { corporateNumber } : {}),
    ...(contactEmail ? { contactEmail } : {}),
  };
}

export function AddSupplierForm({ orgId, onAdded }: { orgId: string; onAdded(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState(emptyForm);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);

  const text =
    (field: 'name' | 'corporateNumber' | 'contactEmail' | 'tags') => (e: ChangeEvent<HTMLInputElement>) =>
      setForm((f) => ({ ...f, [field]: e.target.value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    setAdded(null);
    const body = toAddSupplierBody(form);
    try {
      const { error: problem } = await api.client.POST('/api/orgs/{orgId}/suppliers', {
        params: { path: { orgId } },
        body,
      });
      if (problem === undefined) {
        setAdded(body.name);
        setForm(emptyForm);
        onAdded();
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
      <summary>{t('addSupplier.title')}</summary>
      <form onSubmit={submit} className="form-grid">
        {error !== null && <ErrorMessage error={error} />}
        {added !== null && (
          <p className="alert alert-success" role="status">
            {t('addSupplier.done', { name: added })}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('addSupplier.name')}</label>
          <input id={`${id}-name`} required maxLength={200} value={form.name} onChange={text('name')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-number`}>
            {t('addSupplier.corporateNumber')} <span className="muted">{t('common.optional')}</span>
          </label>
          <input
            id={`${id}-number`}
            inputMode="numeric"
            pattern="[0-9]{13}"
            maxLength={13}
            autoComplete="off"
            value={form.corporateNumber}
            onChange={text('corporateNumber')}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>
            {t('addSupplier.contactEmail')} <span className="muted">{t('common.optional')}</span>
          </label>
          <input
            id={`${id}-email`}
            type="email"
            inputMode="email"
            value={form.contactEmail}
            onChange={text('contactEmail')}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tags`}>
            {t('addSupplier.tags')} <span className="muted">{t('common.optional')}</span>
          </label>
          <input id={`${id}-tags`} value={form.tags} onChange={text('tags')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-criticality`}>{t('addSupplier.criticality')}</label>
          <select
            id={`${id}-criticality`}
            value={form.criticality}
            onChange={(e) => {
              const value = CRITICALITIES.find((c) => c === e.target.value);
              if (value) setForm((f) => ({ ...f, criticality: value }));
            }}
          >
            {CRITICALITIES.map((c) => (
              <option key={c} value={c}>
                {t(`criticality.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-check">
          <input
            id={`${id}-disclose`}
            type="checkbox"
            checked={form.discloseUpstream}
            onChange={(e) => setForm((f) => ({ ...f, discloseUpstream: e.target.checked }))}
          />
          <label htmlFor={`${id}-disclose`}>{t('addSupplier.discloseUpstream')}</label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submitting}>
            {submitting ? t('addSupplier.submitting') : t('addSupplier.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
