import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useInviteColleague } from './api';

/** Share the work: invite a colleague of the same company by email; they answer with their own account. */
export function InviteColleaguePanel({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation('assessment');
  const id = useId();
  const { register, handleSubmit, reset } = useForm({ defaultValues: { email: '' } });
  const invite = useInviteColleague(supplierId);
  const sending = invite.isPending;
  const sentTo = invite.isSuccess ? invite.data.email : null;
  const error = invite.isError ? invite.error : null;

  const submit = handleSubmit(({ email }) => invite.mutate(email, { onSuccess: () => reset() }));

  return (
    <details className="panel invite-panel" data-testid="invite-panel">
      <summary>{t('invite.title')}</summary>
      <p className="muted">{t('invite.help')}</p>
      <form onSubmit={(e) => void submit(e)} className="inline-form">
        <label htmlFor={`${id}-email`}>{t('invite.email')}</label>
        <input
          id={`${id}-email`}
          type="email"
          required
          autoComplete="off"
          data-testid="invite-email"
          {...register('email', { required: true })}
        />
        <button type="submit" className="button" disabled={sending} data-testid="invite-submit">
          {sending ? t('invite.sending') : t('invite.send')}
        </button>
      </form>
      {sentTo && (
        <p className="alert alert-success" role="status">
          {t('invite.sent', { email: sentTo })}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </details>
  );
}
