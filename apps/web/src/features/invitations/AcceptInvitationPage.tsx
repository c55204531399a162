import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { STORAGE_KEYS } from '../../lib/storage';
import { forgetLinkToken, useLinkToken } from '../account/linkToken';
import type { LoginLocationState } from '../auth/RequireAuth';
import { useSession } from '../auth/session';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { type AcceptBody, useAcceptInvitation, useInvitationPreview } from './api';

const LOGIN_STATE: LoginLocationState = { from: '/invitations/accept' };

/**
 * An invitation link. A new person sets their name and password, joins and is signed in. Someone who already has
 * an account signs in to it first (the link is kept for this tab meanwhile), then joins with one click.
 */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { state, signedIn, logout } = useSession();
  const navigate = useNavigate();
  const token = useLinkToken(STORAGE_KEYS.pendingInvitation);
  const signedInUser = state.status === 'signedIn' ? state.me.user.id : null;
  const preview = useInvitationPreview(token, signedInUser, state.status !== 'loading');
  const { register, handleSubmit, setValue } = useForm({ defaultValues: { name: '', password: '' } });
  const accept = useAcceptInvitation();
  const submitting = accept.isPending || accept.isSuccess;
  const error = accept.isError ? accept.error : null;

  async function join(body: AcceptBody) {
    try {
      const me = await accept.mutateAsync(body);
      forgetLinkToken(STORAGE_KEYS.pendingInvitation);
      signedIn(me);
      navigate('/', { replace: true });
    } catch {
      setValue('password', '');
    }
  }
  const submitNew = handleSubmit(({ name, password }) => join({ token, name, password }));

  let content;
  if (!token) {
    content = (
      <p className="alert alert-warning" role="alert">
        {t('invitation.noToken')}
      </p>
    );
  } else if (preview.isError) {
    content = <ErrorMessage error={preview.error} id="invitation-error" />;
  } else if (!preview.data) {
    content = (
      <p className="page-status" role="status">
        {t('common.loading')}
      </p>
    );
  } else {
    const invitation = preview.data;
    const what = (
      <p data-testid="invitation-what">
        {t('invitation.what', {
          organization: invitation.organizationName,
          role: t(`roles.${invitation.role}`),
          email: invitation.email,
        })}
      </p>
    );
    if (invitation.accountExists && !invitation.signedInAsInvitee) {
      content = (
        <>
          {what}
          <p className="alert alert-info" role="status" data-testid="invitation-sign-in">
            {t('invitation.signInFirst', { email: invitation.email })}
          </p>
          {signedInUser ? (
            <button
              type="button"
              className="button button-primary button-block"
              onClick={() =>
                void logout().then(() => navigate('/login', { replace: true, state: LOGIN_STATE }))
              }
            >
              {t('invitation.switchAccount', { email: invitation.email })}
            </button>
          ) : (
            <Link className="button button-primary button-block" to="/login" state={LOGIN_STATE}>
              {t('invitation.signIn')}
            </Link>
          )}
        </>
      );
    } else if (invitation.accountExists) {
      content = (
        <>
          {what}
          {error !== null && <ErrorMessage error={error} id="invitation-error" />}
          <button
            type="button"
            className="button button-primary button-block"
            data-testid="invitation-join"
            disabled={submitting}
            onClick={() => void join({ token })}
          >
            {submitting ? t('invitation.submitting') : t('invitation.submit')}
          </button>
        </>
      );
    } else {
      content = (
        <form onSubmit={(e) => void submitNew(e)} aria-describedby={error ? 'invitation-error' : undefined}>
          {what}
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
