import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';

/** Share the work: invite a colleague of the same company by email; they answer with their own account. */
export function InviteColleaguePanel({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation('assessment');
  const id = useId();
  const [email, setEmail] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSending(true);
    setError(null);
    setSentTo(null);
    try {
      const { data, error: problem } = await api.client.POST('/api/orgs/{orgId}/invitations', {
        params: { path: { orgId: supplierId } },
        body: { email, role: 'respondent' },
      });
      if (data) {
        setSentTo(data.email);
        setEmail('');
      } else {
        setError(problem);
      }
    } catch (failure) {
      setError(failure);
    }
    setSending(false);
  }

  return (
    <details className="panel invite-panel" data-testid="invite-panel">
      <summary>{t('invite.title')}</summary>
      <p className="muted">{t('invite.help')}</p>
      <form onSubmit={submit} className="inline-form">
        <label htmlFor={`${id}-email`}>{t('invite.email')}</label>
        <input
          id={`${id}-email`}
          type="email"
          required
          autoComplete="off"
          data-testid="invite-email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
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
