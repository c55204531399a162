import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';
import type { Campaign } from './types';

interface Props {
  orgId: string;
  campaign: Campaign;
  /** Suppliers without a contact email among the rows loaded so far. */
  missingEmails: number;
  /** Every row is loaded, so `missingEmails` is the whole story. */
  complete: boolean;
  onLaunched(result: { assessments: number; invitations: number }): void;
}

/** Launch with a confirmation step: it creates every assessment and emails every supplier. */
export function LaunchPanel({ orgId, campaign, missingEmails, complete, onLaunched }: Props) {
  const { t } = useTranslation('campaigns');
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const blocked = complete && missingEmails > 0;

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  async function launch() {
    setSending(true);
    setError(null);
    try {
      const { data, error: problem } = await api.client.POST(
        '/api/orgs/{orgId}/campaigns/{campaignId}/launch',
        { params: { path: { orgId, campaignId: campaign.id } } },
      );
      if (data) {
        onLaunched(data);
        return;
      }
      setError(problem);
      setConfirming(false);
    } catch (failure) {
      setError(failure);
    }
    setSending(false);
  }

  return (
    <section className="panel launch-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('launch.title')}</h2>
      <p>{t('launch.lead', { count: campaign.supplierCount })}</p>
      {missingEmails > 0 && (
        <p className="alert alert-warning" role="status">
          {t('launch.missingEmails', { count: missingEmails })}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {!confirming ? (
        <button
          type="button"
          className="button button-primary"
          data-testid="launch-button"
          disabled={blocked}
          onClick={() => {
            setError(null);
            setConfirming(true);
          }}
        >
          {t('launch.button')}
        </button>
      ) : (
        <div className="confirm-box" role="group" aria-labelledby={`${id}-confirm`}>
          <h3 id={`${id}-confirm`} ref={confirmHeading} tabIndex={-1}>
            {t('launch.confirmTitle')}
          </h3>
          <ul>
            <li>{t('launch.confirmEmails', { count: campaign.supplierCount })}</li>
            <li>{t('launch.confirmLocked')}</li>
          </ul>
          <div className="form-actions">
            <button type="button" className="button" disabled={sending} onClick={() => setConfirming(false)}>
              {t('common.back')}
            </button>
            <button
              type="button"
              className="button button-primary"
              data-testid="launch-confirm"
              disabled={sending}
              onClick={() => void launch()}
            >
              {sending ? t('launch.sending') : t('launch.confirm', { count: campaign.supplierCount })}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
