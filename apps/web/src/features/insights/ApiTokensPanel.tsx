import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from './api';

/** Admins create and revoke read-only tokens for BI tools that pull these numbers (the secret is shown once). */
export function ApiTokensPanel({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation('insights');
  const id = useId();
  const tokens = useApiTokens(orgId).data?.items ?? [];
  const create = useCreateApiToken(orgId);
  const revoke = useRevokeApiToken(orgId);
  const { register, handleSubmit, reset } = useForm({ defaultValues: { name: '' } });
  const secret = create.isSuccess ? create.data.token : null;
  // The failure of whichever was tried last.
  const [last, setLast] = useState<'create' | 'revoke' | null>(null);
  const tried = last === 'create' ? create : last === 'revoke' ? revoke : null;
  const error = tried?.isError ? tried.error : null;

  const submit = handleSubmit(({ name }) => {
    setLast('create');
    create.mutate(name, { onSuccess: () => reset() });
  });

  function revokeToken(tokenId: string) {
    setLast('revoke');
    revoke.mutate(tokenId);
  }

  const date = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'ja-JP') : '—';

  return (
    <details className="panel" data-testid="api-tokens">
      <summary>{t('tokens.title')}</summary>
      <p className="muted">{t('tokens.help')}</p>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${id}-name`}>{t('tokens.name')}</label>
        <input
          id={`${id}-name`}
          required
          maxLength={100}
          {...register('name', { required: true, maxLength: 100 })}
        />
        <button type="submit" className="button">
          {t('tokens.create')}
        </button>
      </form>
      {secret && (
        <p className="alert alert-success" role="status">
          {t('tokens.secret')} <code data-testid="api-token-secret">{secret}</code>
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {tokens.length > 0 && (
        <ul>
          {tokens.map((token) => (
            <li key={token.id}>
              <strong>{token.name}</strong> — {t('tokens.lastUsed', { when: date(token.lastUsedAt) })}
              {token.revokedAt ? (
                <span className="badge badge-muted">{t('tokens.revoked')}</span>
              ) : (
                <button type="button" className="button" onClick={() => revokeToken(token.id)}>
                  {t('tokens.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
