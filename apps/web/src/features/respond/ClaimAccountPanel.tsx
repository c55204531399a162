import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useSession } from '../auth/session';
import { type ClaimBody, useClaimAccount } from './api';

/** What the respond page passes on to the assessment it opens. */
export interface RespondLocationState {
  /** The person came in through an emailed link and has no password yet. */
  needsPassword?: boolean;
}

export const PASSWORD_MIN_LENGTH = 10;

/** Offer to set a name and password, so the person can come back without a new emailed link. */
export function ClaimAccountPanel() {
  const { t } = useTranslation('assessment');
  const { state, signedIn } = useSession();
  const id = useId();
  const { register, handleSubmit, setValue } = useForm<ClaimBody>({
    defaultValues: { name: state.status === 'signedIn' ? state.me.user.name : '', password: '' },
  });
  const claim = useClaimAccount();
  const [dismissed, setDismissed] = useState(false);

  if (dismissed) return null;

  const submit = handleSubmit(async ({ name, password }) => {
    try {
      signedIn(await claim.mutateAsync({ name: name.trim(), password }));
    } catch {
      // The problem is shown from the mutation.
    }
    setValue('password', '');
  });

  if (claim.isSuccess) {
    return (
      <p className="alert alert-success" role="status">
        {t('claim.done', { email: state.status === 'signedIn' ? state.me.user.email : '' })}
      </p>
    );
  }

  return (
    <details className="panel claim-panel">
      <summary>{t('claim.title')}</summary>
      <p className="muted">{t('claim.help')}</p>
      <form onSubmit={(e) => void submit(e)} className="form-grid">
        {claim.isError && <ErrorMessage error={claim.error} />}
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('claim.name')}</label>
          <input
            id={`${id}-name`}
            required
            maxLength={100}
            autoComplete="name"
            {...register('name', { required: true, maxLength: 100 })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('claim.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={200}
            autoComplete="new-password"
            aria-describedby={`${id}-password-help`}
            {...register('password', { required: true, minLength: PASSWORD_MIN_LENGTH, maxLength: 200 })}
          />
          <p className="muted hint" id={`${id}-password-help`}>
            {t('claim.passwordHelp', { min: PASSWORD_MIN_LENGTH })}
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={claim.isPending}>
            {claim.isPending ? t('claim.submitting') : t('claim.submit')}
          </button>{' '}
          <button type="button" className="button button-quiet" onClick={() => setDismissed(true)}>
            {t('claim.later')}
          </button>
        </div>
      </form>
    </details>
  );
}
