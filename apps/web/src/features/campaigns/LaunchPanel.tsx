import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { isProblem } from '../../lib/problem';
import { useLaunchCampaign } from './api';
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
  const launchCampaign = useLaunchCampaign(orgId, campaign.id);
  // Stays "sending" after success: the page shows the launched campaign next.
  const sending = launchCampaign.isPending || launchCampaign.isSuccess;
  const error = launchCampaign.isError ? launchCampaign.error : null;
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const blocked = complete && missingEmails > 0;

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  function launch() {
    launchCampaign.mutate(undefined, {
      onSuccess: onLaunched,
      onError: (failure) => {
        // The API said no (e.g. a supplier without email): back to the first step. A network failure keeps the
        // confirmation, so the buyer can press it again.
        if (isProblem(failure)) setConfirming(false);
      },
    });
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
            launchCampaign.reset();
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
              onClick={launch}
            >
              {sending ? t('launch.sending') : t('launch.confirm', { count: campaign.supplierCount })}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
