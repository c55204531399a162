import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useMe, useSession } from '../auth/session';
import { type ChangePasswordBody, useChangePassword, useLogoutEverywhere } from './api';

const PASSWORD_MIN_LENGTH = 10;

interface PasswordFields {
  current: string;
  next: string;
  repeat: string;
}

/** The request body of the password form (the repeat is only checked in the page). */
export function toChangePasswordBody(fields: PasswordFields): ChangePasswordBody {
  return { currentPassword: fields.current, newPassword: fields.next };
}

/** Change the password (the current one is required; every other device is signed out). */
function PasswordForm() {
  const { t } = useTranslation();
  const { register, handleSubmit, reset, setValue, control } = useForm<PasswordFields>({
    defaultValues: { current: '', next: '', repeat: '' },
  });
  const [next, repeat] = useWatch({ control, name: ['next', 'repeat'] });
  const change = useChangePassword();
  const mismatch = repeat !== '' && repeat !== next;
  const error = change.isError ? change.error : null;

  const submit = handleSubmit(async (fields) => {
    if (fields.next !== fields.repeat) return;
    try {
      await change.mutateAsync(toChangePasswordBody(fields));
      reset();
    } catch {
      setValue('current', '');
    }
  });

  return (
    <section className="panel account-section" aria-labelledby="account-password-title">
      <h2 id="account-password-title">{t('account.password.title')}</h2>
      <p className="muted">{t('account.password.lead')}</p>
      <form onSubmit={(e) => void submit(e)} className="form-grid">
        {error !== null && <ErrorMessage error={error} />}
        {change.isSuccess && (
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
            {...register('current', { required: true })}
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
            {...register('next', { required: true, minLength: PASSWORD_MIN_LENGTH, maxLength: 200 })}
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
            {...register('repeat', { required: true })}
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
          disabled={change.isPending || mismatch}
        >
          {change.isPending ? t('account.password.submitting') : t('account.password.submit')}
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
  const everywhere = useLogoutEverywhere();

  async function signOut() {
    if (!window.confirm(t('account.everywhere.confirm'))) return;
    try {
      await everywhere.mutateAsync();
    } catch {
      return; // shown from the mutation
    }
    await logout();
    navigate('/login', { replace: true });
  }

  return (
    <section className="panel account-section" aria-labelledby="account-everywhere-title">
      <h2 id="account-everywhere-title">{t('account.everywhere.title')}</h2>
      <p className="muted">{t('account.everywhere.lead')}</p>
      {everywhere.isError && <ErrorMessage error={everywhere.error} />}
      <button
        type="button"
        className="button"
        data-testid="logout-everywhere"
        disabled={everywhere.isPending || everywhere.isSuccess}
        onClick={() => void signOut()}
      >
        {everywhere.isPending ? t('account.everywhere.submitting') : t('account.everywhere.submit')}
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
