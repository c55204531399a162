import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useSession } from '../auth/session';

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
  const [name, setName] = useState(state.status === 'signedIn' ? state.me.user.name : '');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [dismissed, setDismissed] = useState(false);

  if (dismissed) return null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const { data, error: problem } = await api.client.POST('/api/auth/claim', {
        body: { name: name.trim(), password },
      });
      if (data) {
        signedIn(data);
        setDone(true);
      } else {
        setError(problem);
      }
    } catch (failure) {
      setError(failure);
    }
    setPassword('');
    setSubmitting(false);
  }

  if (done) {
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
      <form onSubmit={submit} className="form-grid">
        {error !== null && <ErrorMessage error={error} />}
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('claim.name')}</label>
          <input
            id={`${id}-name`}
            required
            maxLength={100}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
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
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p className="muted hint" id={`${id}-password-help`}>
            {t('claim.passwordHelp', { min: PASSWORD_MIN_LENGTH })}
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submitting}>
            {submitting ? t('claim.submitting') : t('claim.submit')}
          </button>{' '}
          <button type="button" className="button button-quiet" onClick={() => setDismissed(true)}>
            {t('claim.later')}
          </button>
        </div>
      </form>
    </details>
  );
}
