import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { STORAGE_KEYS } from '../../lib/storage';
import { forgetLinkToken, useLinkToken } from '../account/linkToken';
import type { LoginLocationState } from '../auth/RequireAuth';
import { useSession } from '../auth/session';
import { LanguageSwitch } from '../shell/LanguageSwitch';

type Preview = components['schemas']['InvitationPreviewDto'];

/**
 * An invitation link. A new person sets their name and password, joins and is signed in. Someone who already has
 * an account signs in to it first (the link is kept for this tab meanwhile), then joins with one click.
 */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { state, signedIn, logout } = useSession();
  const navigate = useNavigate();
  const token = useLinkToken(STORAGE_KEYS.pendingInvitation);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const sessionKnown = state.status !== 'loading';
  const signedInUser = state.status === 'signedIn' ? state.me.user.id : null;

  useEffect(() => {
    if (!token || !sessionKnown) return;
    let live = true;
    api.client.POST('/api/invitations/preview', { body: { token } }).then(
      ({ data, error: problem }) => {
        if (!live) return;
        if (data) setPreview(data);
        else setError(problem);
      },
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [token, sessionKnown, signedInUser]);

  async function accept(body: { token: string; name?: string; password?: string }) {
    setSubmitting(true);
    setError(null);
    try {
      const { data, error: problem } = await api.client.POST('/api/invitations/accept', { body });
      if (data) {
        forgetLinkToken(STORAGE_KEYS.pendingInvitation);
        signedIn(data);
        navigate('/', { replace: true });
        return;
      }
      setError(problem);
    } catch (failure) {
      setError(failure);
    }
    setPassword('');
    setSubmitting(false);
  }

  function submitNew(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void accept({ token, name, password });
  }

  const loginState: LoginLocationState = { from: '/invitations/accept' };
  let content;
  if (!token) {
    content = (
      <p className="alert alert-warning" role="alert">
        {t('invitation.noToken')}
      </p>
    );
  } else if (!preview) {
    content =
      error !== null ? (
        <ErrorMessage error={error} id="invitation-error" />
      ) : (
        <p className="page-status" role="status">
          {t('common.loading')}
        </p>
      );
  } else {
    const what = t('invitation.what', {
      organization: preview.organizationName,
      role: t(`roles.${preview.role}`),
      email: preview.email,
    });
    if (preview.accountExists && !preview.signedInAsInvitee) {
      content = (
        <>
          <p data-testid="invitation-what">{what}</p>
          <p className="alert alert-info" role="status" data-testid="invitation-sign-in">
            {t('invitation.signInFirst', { email: preview.email })}
          </p>
          {signedInUser ? (
            <button
              type="button"
              className="button button-primary button-block"
              onClick={() =>
                void logout().then(() => navigate('/login', { replace: true, state: loginState }))
              }
            >
              {t('invitation.switchAccount', { email: preview.email })}
            </button>
          ) : (
            <Link className="button button-primary button-block" to="/login" state={loginState}>
              {t('invitation.signIn')}
            </Link>
          )}
        </>
      );
    } else if (preview.accountExists) {
      content = (
        <>
          <p data-testid="invitation-what">{what}</p>
          {error !== null && <ErrorMessage error={error} id="invitation-error" />}
          <button
            type="button"
            className="button button-primary button-block"
            data-testid="invitation-join"
            disabled={submitting}
            onClick={() => void accept({ token })}
          >
            {submitting ? t('invitation.submitting') : t('invitation.submit')}
          </button>
        </>
      );
    } else {
      content = (
        <form onSubmit={submitNew} aria-describedby={error ? 'invitation-error' : undefined}>
          <p data-testid="invitation-what">{what}</p>
          <p className="muted">{t('invitation.lead')}</p>
          {state.status === 'signedIn' && (
            <p className="alert alert-info" role="status">
              {t('invitation.replacesSession', { name: state.me.user.name })}
            </p>
          )}
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
      );
    }
  }

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card" id="main">
        <p className="brand brand-large">{t('app.name')}</p>
        <h1>{t('invitation.title')}</h1>
        {content}
      </main>
    </div>
  );
}
