import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useSession } from '../auth/session';
import { LanguageSwitch } from '../shell/LanguageSwitch';

/** Reads the token once from `#token=…` and removes it from the address bar, so it never lingers in history. */
function takeToken(): string {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  return token;
}

/** A colleague invited by email sets their name and password, joins the organization and is signed in. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [token] = useState(takeToken);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const { data, error: problem } = await api.client.POST('/api/invitations/accept', {
        body: { token, name, password },
      });
      if (data) {
        signedIn(data);
        navigate('/', { replace: true });
        return;
      }
      setError(problem);
    } catch (failure) {
      setError(failure);
    }
    setSubmitting(false);
  }

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card" id="main">
        <p className="brand brand-large">{t('app.name')}</p>
        <h1>{t('invitation.title')}</h1>
        {!token ? (
          <p className="alert alert-warning" role="alert">
            {t('invitation.noToken')}
          </p>
        ) : (
          <form onSubmit={submit} aria-describedby={error ? 'invitation-error' : undefined}>
            <p className="muted">{t('invitation.lead')}</p>
            {error !== null && <ErrorMessage error={error} id="invitation-error" />}
            <div className="field">
              <label htmlFor="invitation-name">{t('invitation.name')}</label>
              <input
                id="invitation-name"
                data-testid="invitation-name"
                autoComplete="name"
                required
                maxLength={100}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="invitation-password">{t('invitation.password')}</label>
              <input
                id="invitation-password"
                data-testid="invitation-password"
                type="password"
                autoComplete="new-password"
                minLength={10}
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <p className="hint">{t('invitation.passwordHint')}</p>
            </div>
            <button
              type="submit"
              className="button button-primary button-block"
              data-testid="invitation-submit"
              disabled={submitting}
            >
              {submitting ? t('invitation.submitting') : t('invitation.submit')}
            </button>
          </form>
        )}
      </main>
    </div>
  );
}
