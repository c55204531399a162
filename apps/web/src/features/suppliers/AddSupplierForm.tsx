import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AddSupplierBody, Criticality } from '../../api/types';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { parseTags } from '../../lib/format';
import { useAddSupplier } from './api';

export const CRITICALITIES: readonly Criticality[] = ['low', 'medium', 'high', 'critical'];

/** 法人番号: 13 digits (the API also checks the check digit). */
export const CORPORATE_NUMBER_PATTERN = /^\d{13}$/;

export interface AddSupplierValues {
  name: string;
  corporateNumber: string;
  contactEmail: string;
  tags: string;
  criticality: Criticality;
  discloseUpstream: boolean;
}

const emptyForm: AddSupplierValues = {
  name: '',
  corporateNumber: '',
  contactEmail: '',
  tags: '',
  criticality: 'medium',
  discloseUpstream: false,
};

export function toAddSupplierBody(form: AddSupplierValues): AddSupplierBody {
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

/** Adds one supplier to the buyer's network; the list shows it at once (the network's pages are refetched). */
export function AddSupplierForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const { register, handleSubmit, reset } = useForm<AddSupplierValues>({ defaultValues: emptyForm });
  const add = useAddSupplier(orgId);
  const added = add.isSuccess ? add.variables.name : null;

  const submit = handleSubmit((form) => add.mutate(toAddSupplierBody(form), { onSuccess: () => reset() }));

  return (
    <details className="panel">
      <summary>{t('addSupplier.title')}</summary>
      <form onSubmit={(e) => void submit(e)} className="form-grid">
        {add.isError && <ErrorMessage error={add.error} />}
        {added !== null && (
          <p className="alert alert-success" role="status">
            {t('addSupplier.done', { name: added })}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('addSupplier.name')}</label>
          <input
            id={`${id}-name`}
            required
            maxLength={200}
            {...register('name', { required: true, maxLength: 200 })}
          />
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
            {...register('corporateNumber', {
              // As the input's own pattern: empty, or 13 digits.
              validate: (v) => v === '' || CORPORATE_NUMBER_PATTERN.test(v),
            })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>
            {t('addSupplier.contactEmail')} <span className="muted">{t('common.optional')}</span>
          </label>
          <input id={`${id}-email`} type="email" inputMode="email" {...register('contactEmail')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tags`}>
            {t('addSupplier.tags')} <span className="muted">{t('common.optional')}</span>
          </label>
          <input id={`${id}-tags`} {...register('tags')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-criticality`}>{t('addSupplier.criticality')}</label>
          <select id={`${id}-criticality`} {...register('criticality')}>
            {CRITICALITIES.map((c) => (
              <option key={c} value={c}>
                {t(`criticality.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-check">
          <input id={`${id}-disclose`} type="checkbox" {...register('discloseUpstream')} />
          <label htmlFor={`${id}-disclose`}>{t('addSupplier.discloseUpstream')}</label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {add.isPending ? t('addSupplier.submitting') : t('addSupplier.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
