import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useSession } from '../auth/session';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { useAcceptInvitation } from './api';

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
  const { register, handleSubmit } = useForm({ defaultValues: { name: '', password: '' } });
  const accept = useAcceptInvitation();
  const error = accept.isError ? accept.error : null;

  const submit = handleSubmit(async ({ name, password }) => {
    try {
      signedIn(await accept.mutateAsync({ token, name, password }));
      navigate('/', { replace: true });
    } catch {
      // The problem is shown from the mutation.
    }
  });

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
          <form onSubmit={(e) => void submit(e)} aria-describedby={error ? 'invitation-error' : undefined}>
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
                {...register('name', { required: true, maxLength: 100 })}
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
                {...register('password', { required: true, minLength: 10 })}
              />
              <p className="hint">{t('invitation.passwordHint')}</p>
            </div>
            <button
              type="submit"
              className="button button-primary button-block"
              data-testid="invitation-submit"
              disabled={accept.isPending || accept.isSuccess}
            >
              {accept.isPending || accept.isSuccess ? t('invitation.submitting') : t('invitation.submit')}
            </button>
          </form>
        )}
      </main>
    </div>
  );
}
