import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorMessage } from '../../lib/ErrorMessage';

type Policy = components['schemas']['ReminderPolicyValueDto'];

const numbers = (text: string) =>
  text
    .split(/[,、\s]+/)
    .filter(Boolean)
    .map(Number);

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
  const { t } = useTranslation('campaigns');
  const id = useId();
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [isDefault, setIsDefault] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [beforeDue, setBeforeDue] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    api.client
      .GET('/api/orgs/{orgId}/campaigns/{campaignId}/reminder-policy', {
        params: { path: { orgId, campaignId } },
        signal: controller.signal,
      })
      .then(({ data, error: problem }) => {
        if (controller.signal.aborted) return;
        if (data) {
          setPolicy(data.policy);
          setIsDefault(data.isDefault);
          setBeforeDue(data.policy.beforeDue.join(', '));
        } else setError(problem);
      })
      .catch((failure: unknown) => !controller.signal.aborted && setError(failure));
    return () => controller.abort();
  }, [orgId, campaignId]);

  if (!policy) return error !== null ? <ErrorMessage error={error} /> : null;

  const update = (change: Partial<Policy>) => {
    setSaved(false);
    setPolicy({ ...policy, ...change });
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!policy) return;
    setSaving(true);
    setError(null);
    try {
      const { data, error: problem } = await api.client.PUT(
        '/api/orgs/{orgId}/campaigns/{campaignId}/reminder-policy',
        { params: { path: { orgId, campaignId } }, body: { ...policy, beforeDue: numbers(beforeDue) } },
      );
      if (data) {
        setPolicy(data.policy);
        setIsDefault(data.isDefault);
        setBeforeDue(data.policy.beforeDue.join(', '));
        setSaved(true);
      } else setError(problem);
    } catch (failure) {
      setError(failure);
    }
    setSaving(false);
  }

  return (
    <details className="panel policy-panel" data-testid="reminder-policy">
      <summary>
        {t('policy.title')} {isDefault && <span className="badge badge-muted">{t('policy.default')}</span>}
      </summary>
      <p className="muted">{t('policy.help')}</p>
      <form onSubmit={save}>
        <fieldset disabled={!canEdit || saving} className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-before`}>{t('policy.beforeDue')}</label>
            <input id={`${id}-before`} value={beforeDue} onChange={(e) => setBeforeDue(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-every`}>{t('policy.afterDueEveryDays')}</label>
            <input
              id={`${id}-every`}
              type="number"
              min={1}
              value={policy.afterDueEveryDays}
              onChange={(e) => update({ afterDueEveryDays: Number(e.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-max`}>{t('policy.maxAfterDue')}</label>
            <input
              id={`${id}-max`}
              type="number"
              min={0}
              value={policy.maxAfterDue}
              onChange={(e) => update({ maxAfterDue: Number(e.target.value) })}
            />
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
                value={policy.window.startHour}
                onChange={(e) => update({ window: { ...policy.window, startHour: Number(e.target.value) } })}
              />
              –
              <input
                type="number"
                min={1}
                max={24}
                aria-label={t('policy.endHour')}
                value={policy.window.endHour}
                onChange={(e) => update({ window: { ...policy.window, endHour: Number(e.target.value) } })}
              />
            </span>
          </div>
          <label className="check-row">
            <input
              type="checkbox"
              checked={policy.skipYearEnd}
              onChange={(e) => update({ skipYearEnd: e.target.checked })}
            />
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
                  value={step.escalateAfterDays}
                  onChange={(e) =>
                    update({
                      escalation: policy.escalation.map((s, j) =>
                        j === i ? { ...s, escalateAfterDays: Number(e.target.value) } : s,
                      ),
                    })
                  }
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
