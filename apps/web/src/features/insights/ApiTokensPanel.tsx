import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorMessage } from '../../lib/ErrorMessage';

type Token = components['schemas']['ApiTokenDto'];

/** Admins create and revoke read-only tokens for BI tools that pull these numbers (the secret is shown once). */
export function ApiTokensPanel({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation('insights');
  const id = useId();
  const [tokens, setTokens] = useState<Token[]>([]);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api.client
      .GET('/api/orgs/{orgId}/api-tokens', { params: { path: { orgId } }, signal: controller.signal })
      .then(({ data }) => !controller.signal.aborted && data && setTokens(data.items))
      .catch(() => undefined);
    return () => controller.abort();
  }, [orgId, reload]);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSecret(null);
    const { data, error: problem } = await api.client.POST('/api/orgs/{orgId}/api-tokens', {
      params: { path: { orgId } },
      body: { name },
    });
    if (data) {
      setSecret(data.token);
      setName('');
      setReload((n) => n + 1);
    } else setError(problem);
  }

  async function revoke(tokenId: string) {
    setError(null);
    const { error: problem } = await api.client.DELETE('/api/orgs/{orgId}/api-tokens/{tokenId}', {
      params: { path: { orgId, tokenId } },
    });
    if (problem) setError(problem);
    setReload((n) => n + 1);
  }

  const date = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'ja-JP') : '—';

  return (
    <details className="panel" data-testid="api-tokens">
      <summary>{t('tokens.title')}</summary>
      <p className="muted">{t('tokens.help')}</p>
      <form className="inline-form" onSubmit={create}>
        <label htmlFor={`${id}-name`}>{t('tokens.name')}</label>
        <input
          id={`${id}-name`}
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
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
                <button type="button" className="button" onClick={() => void revoke(token.id)}>
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
