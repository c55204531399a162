import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { type Credentials, useLogin } from './api';
import type { LoginLocationState } from './RequireAuth';
import { useSession } from './session';

const SESSION_EXPIRED = { status: 401, code: 'AUTH_REQUIRED' };

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
  const { register, handleSubmit, setValue } = useForm<Credentials>({
    defaultValues: { email: '', password: '' },
  });
  const login = useLogin();
  // Kept while the page hands over to the app, so it does not redirect on its own meanwhile.
  const submitting = login.isPending || login.isSuccess;
  const error = login.isIdle ? (expired ? SESSION_EXPIRED : null) : login.error;

  if (state.status === 'signedIn' && !submitting) return <Navigate to={safeReturnPath(from)} replace />;

  const submit = handleSubmit(async (credentials) => {
    try {
      signedIn(await login.mutateAsync(credentials));
      navigate(safeReturnPath(from), { replace: true });
    } catch {
      setValue('password', '');
    }
  });

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card" id="main">
        <p className="brand brand-large">{t('app.name')}</p>
        <p className="muted">{t('app.tagline')}</p>
        <h1>{t('auth.title')}</h1>
        <form onSubmit={(e) => void submit(e)} aria-describedby={error ? 'login-error' : undefined}>
          {error !== null && <ErrorMessage error={error} id="login-error" />}
          <div className="field">
            <label htmlFor="login-email">{t('auth.email')}</label>
            <input
              id="login-email"
              data-testid="login-email"
              type="email"
              autoComplete="username"
              inputMode="email"
              required
              {...register('email', { required: true })}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('auth.password')}</label>
            <input
              id="login-password"
              data-testid="login-password"
              type="password"
              autoComplete="current-password"
              required
              {...register('password', { required: true })}
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
