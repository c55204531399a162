import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useSession } from '../auth/session';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { useVerifySignup } from './api';
import { useLinkToken } from './linkToken';

/**
 * The landing page of the emailed sign-up link: the person confirms with the password chosen at sign-up, which
 * proves the sign-up was theirs. Then the account and the organization exist and they are signed in.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const token = useLinkToken();
  const { register, handleSubmit, setValue } = useForm({ defaultValues: { password: '' } });
  const verify = useVerifySignup();
  const submitting = verify.isPending || verify.isSuccess;
  const error = verify.isError ? verify.error : null;

  const submit = handleSubmit(async ({ password }) => {
    try {
      signedIn(await verify.mutateAsync({ token, password }));
      navigate('/', { replace: true });
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
        <h1>{t('verifyEmail.title')}</h1>
        {!token ? (
          <p className="alert alert-warning" role="alert">
            {t('verifyEmail.noToken')}
          </p>
        ) : (
          <form onSubmit={(e) => void submit(e)} aria-describedby={error ? 'verify-error' : undefined}>
            <p className="muted">{t('verifyEmail.lead')}</p>
            {error !== null && <ErrorMessage error={error} id="verify-error" />}
            <div className="field">
              <label htmlFor="verify-password">{t('verifyEmail.password')}</label>
              <input
                id="verify-password"
                data-testid="verify-password"
                type="password"
                autoComplete="current-password"
                required
                {...register('password', { required: true })}
              />
            </div>
            <button
              type="submit"
              className="button button-primary button-block"
              data-testid="verify-submit"
              disabled={submitting}
            >
              {submitting ? t('verifyEmail.submitting') : t('verifyEmail.submit')}
            </button>
            <p className="hint">{t('verifyEmail.notYou')}</p>
          </form>
        )}
      </main>
    </div>
  );
}
