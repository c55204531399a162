import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useMe, useSession } from '../auth/session';

const PASSWORD_MIN_LENGTH = 10;

/** Change the password (the current one is required; every other device is signed out). */
function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const mismatch = repeat !== '' && repeat !== next;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (next !== repeat) return;
    setSubmitting(true);
    setError(null);
    setDone(false);
    try {
      const { response, error: problem } = await api.client.POST('/api/auth/password', {
        body: { currentPassword: current, newPassword: next },
      });
      if (response.ok) {
        setDone(true);
        setNext('');
        setRepeat('');
      } else {
        setError(problem);
      }
    } catch (failure) {
      setError(failure);
    }
    setCurrent('');
    setSubmitting(false);
  }

  return (
    <section className="panel account-section" aria-labelledby="account-password-title">
      <h2 id="account-password-title">{t('account.password.title')}</h2>
      <p className="muted">{t('account.password.lead')}</p>
      <form onSubmit={submit} className="form-grid">
        {error !== null && <ErrorMessage error={error} />}
        {done && (
          <p className="alert alert-success" role="status" data-testid="password-changed">
            {t('account.password.done')}
          </p>
        )}
        <div className="field">
          <label htmlFor="account-current">{t('account.password.current')}</label>
          <input
            id="account-current"
            data-testid="password-current"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="account-new">{t('account.password.new')}</label>
          <input
            id="account-new"
            data-testid="password-new"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={200}
            required
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <p className="hint">{t('account.password.hint')}</p>
        </div>
        <div className="field">
          <label htmlFor="account-repeat">{t('account.password.repeat')}</label>
          <input
            id="account-repeat"
            data-testid="password-repeat"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={mismatch}
            aria-describedby={mismatch ? 'account-repeat-error' : undefined}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
          {mismatch && (
            <p className="hint" id="account-repeat-error" role="alert">
              {t('account.password.mismatch')}
            </p>
          )}
        </div>
        <button
          type="submit"
          className="button button-primary"
          data-testid="password-submit"
          disabled={submitting || mismatch}
        >
          {submitting ? t('account.password.submitting') : t('account.password.submit')}
        </button>
      </form>
    </section>
  );
}

/** Sign out on every device: every session of the account ends, this one included. */
function SignOutEverywhere() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function signOut() {
    if (!window.confirm(t('account.everywhere.confirm'))) return;
    setSubmitting(true);
    setError(null);
    try {
      const { response, error: problem } = await api.client.POST('/api/auth/logout-everywhere');
      if (response.ok) {
        await logout();
        navigate('/login', { replace: true });
        return;
      }
      setError(problem);
    } catch (failure) {
      setError(failure);
    }
    setSubmitting(false);
  }

  return (
    <section className="panel account-section" aria-labelledby="account-everywhere-title">
      <h2 id="account-everywhere-title">{t('account.everywhere.title')}</h2>
      <p className="muted">{t('account.everywhere.lead')}</p>
      {error !== null && <ErrorMessage error={error} />}
      <button
        type="button"
        className="button"
        data-testid="logout-everywhere"
        disabled={submitting}
        onClick={() => void signOut()}
      >
        {submitting ? t('account.everywhere.submitting') : t('account.everywhere.submit')}
      </button>
    </section>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <div className="page account-page">
      <h1>{t('account.title')}</h1>
      <p className="page-lead">{t('account.signedInAs', { name: me.user.name, email: me.user.email })}</p>
      <PasswordForm />
      <SignOutEverywhere />
    </div>
  );
}
