import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { type ReminderPolicy, useReminderPolicy, useSaveReminderPolicy } from './api';

/** The policy as the form holds it: the days before the due date as typed ("7, 1"), everything else as is. */
export type PolicyForm = Omit<ReminderPolicy, 'beforeDue'> & { beforeDue: string };

const numbers = (text: string) =>
  text
    .split(/[,、\s]+/)
    .filter(Boolean)
    .map(Number);

export function policyForm(policy: ReminderPolicy): PolicyForm {
  return { ...policy, beforeDue: policy.beforeDue.join(', ') };
}

export function policyBody(form: PolicyForm): ReminderPolicy {
  return { ...form, beforeDue: numbers(form.beforeDue) };
}

/** A number input's text as the API takes it (an emptied field is 0, as before). */
const asNumber = { setValueAs: (value: unknown) => Number(value) };

/**
 * The campaign's reminder and escalation policy: when reminders go out (days before and after the due date,
 * office hours in Tokyo, year-end closure) and when each step of the escalation ladder is added. Defaults apply
 * until the buyer saves a change; the API validates and explains every problem.
 */
export function ReminderPolicyPanel({
  orgId,
  campaignId,
  canEdit,
}: {
  orgId: string;
  campaignId: string;
  canEdit: boolean;
}) {
  const loaded = useReminderPolicy(orgId, campaignId);
  if (!loaded.data) return loaded.isError ? <ErrorMessage error={loaded.error} /> : null;
  return (
    <PolicyFormPanel
      orgId={orgId}
      campaignId={campaignId}
      canEdit={canEdit}
      policy={loaded.data.policy}
      isDefault={loaded.data.isDefault}
    />
  );
}

function PolicyFormPanel({
  orgId,
  campaignId,
  canEdit,
  policy,
  isDefault,
}: {
  orgId: string;
  campaignId: string;
  canEdit: boolean;
  policy: ReminderPolicy;
  isDefault: boolean;
}) {
  const { t } = useTranslation('campaigns');
  const id = useId();
  const { register, handleSubmit, reset, formState } = useForm<PolicyForm>({
    defaultValues: policyForm(policy),
  });
  const save = useSaveReminderPolicy(orgId, campaignId);
  const saving = save.isPending;
  const saved = save.isSuccess && !formState.isDirty;
  const error = save.isError ? save.error : null;

  const submit = handleSubmit(async (form) => {
    try {
      const result = await save.mutateAsync(policyBody(form));
      reset(policyForm(result.policy));
    } catch {
      // The problem is shown from the mutation.
    }
  });

  return (
    <details className="panel policy-panel" data-testid="reminder-policy">
      <summary>
        {t('policy.title')} {isDefault && <span className="badge badge-muted">{t('policy.default')}</span>}
      </summary>
      <p className="muted">{t('policy.help')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset disabled={!canEdit || saving} className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-before`}>{t('policy.beforeDue')}</label>
            <input id={`${id}-before`} {...register('beforeDue')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-every`}>{t('policy.afterDueEveryDays')}</label>
            <input id={`${id}-every`} type="number" min={1} {...register('afterDueEveryDays', asNumber)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-max`}>{t('policy.maxAfterDue')}</label>
            <input id={`${id}-max`} type="number" min={0} {...register('maxAfterDue', asNumber)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-start`}>{t('policy.window')}</label>
            <span className="inline-form">
              <input
                id={`${id}-start`}
                type="number"
                min={0}
                max={23}
                aria-label={t('policy.startHour')}
                {...register('window.startHour', asNumber)}
              />
              –
              <input
                type="number"
                min={1}
                max={24}
                aria-label={t('policy.endHour')}
                {...register('window.endHour', asNumber)}
              />
            </span>
          </div>
          <label className="check-row">
            <input type="checkbox" {...register('skipYearEnd')} />
            <span>{t('policy.skipYearEnd')}</span>
          </label>
          <fieldset className="field">
            <legend>{t('policy.escalation')}</legend>
            {policy.escalation.map((step, i) => (
              <label key={step.role} className="inline-form">
                <span>{t(`policy.roles.${step.role}`)}</span>
                <input
                  type="number"
                  min={0}
                  aria-label={t('policy.afterDays', { role: t(`policy.roles.${step.role}`) })}
                  {...register(`escalation.${i}.escalateAfterDays`, asNumber)}
                />
                <span>{t('policy.daysOverdue')}</span>
              </label>
            ))}
          </fieldset>
          {error !== null && <ErrorMessage error={error} />}
          {saved && (
            <p className="alert alert-success" role="status">
              {t('policy.saved')}
            </p>
          )}
          {canEdit && (
            <button type="submit" className="button button-primary" data-testid="policy-save">
              {saving ? t('common.saving') : t('policy.save')}
            </button>
          )}
        </fieldset>
      </form>
    </details>
  );
}
