import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import type { LoginLocationState } from './RequireAuth';
import { useSession } from './session';

function safeReturnPath(from: string | undefined): string {
  // Only ever return to a path inside this app.
  return from && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const { state, signedIn } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const { from, expired } = (location.state ?? {}) as LoginLocationState;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(expired ? { status: 401, code: 'AUTH_REQUIRED' } : null);

  if (state.status === 'signedIn' && !submitting) return <Navigate to={safeReturnPath(from)} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const { data, error: problem } = await api.client.POST('/api/auth/login', {
        body: { email, password },
      });
      if (data) {
        signedIn(data);
        navigate(safeReturnPath(from), { replace: true });
        return;
      }
      setError(problem);
      setPassword('');
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
        <p className="muted">{t('app.tagline')}</p>
        <h1>{t('auth.title')}</h1>
        <form onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
          {error !== null && <ErrorMessage error={error} id="login-error" />}
          <div className="field">
            <label htmlFor="login-email">{t('auth.email')}</label>
            <input
              id="login-email"
              data-testid="login-email"
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('auth.password')}</label>
            <input
              id="login-password"
              data-testid="login-password"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button
            type="submit"
            className="button button-primary button-block"
            data-testid="login-submit"
            disabled={submitting}
          >
            {submitting ? t('auth.submitting') : t('auth.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
