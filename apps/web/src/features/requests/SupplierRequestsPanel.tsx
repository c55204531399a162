import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { SupplierRequest } from '../../api/types';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { formatDate } from '../campaigns/format';
import { useApiData } from '../campaigns/useApiData';

type Done =
  | { kind: 'accepted'; buyer: string; email: string | null; count: number }
  | { kind: 'declined'; buyer: string };

/**
 * For a supplier organization's admins: buyers that added it by its 法人番号 and wait for an answer. Accept
 * (the buyer's contact, or one named here, gets the questionnaires) or decline (nothing is sent). Shows
 * nothing when no request waits.
 */
export function SupplierRequestsPanel({ orgId, orgName }: { orgId: string; orgName?: string }) {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const [done, setDone] = useState<Done | null>(null);
  // Decided requests leave the list at once (the reload that follows confirms it).
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const { data, error } = useApiData(`supplier-requests|${orgId}|${generation}`, (signal) =>
    api.client.GET('/api/orgs/{orgId}/supplier-requests', { params: { path: { orgId } }, signal }),
  );
  const items = (data?.items ?? []).filter((r) => !decided.has(r.id));
  if (error === null && items.length === 0 && !done) return null;

  return (
    <section
      className="panel requests-panel"
      data-testid="supplier-requests"
      aria-label={t('requests.title')}
    >
      <h2>{t('requests.title')}</h2>
      {orgName && <p className="requests-org">{t('requests.forOrg', { org: orgName })}</p>}
      {error !== null && <ErrorMessage error={error} />}
      {done && (
        <p className="alert alert-success" role="status" data-testid="request-done">
          {done.kind === 'declined'
            ? t('requests.declined', { buyer: done.buyer })
            : done.count > 0 && done.email
              ? t('requests.acceptedSent', { buyer: done.buyer, email: done.email, count: done.count })
              : t('requests.acceptedNone', { buyer: done.buyer })}
        </p>
      )}
      {items.length > 0 && (
        <>
          <p className="muted">{t('requests.lead')}</p>
          <ul className="request-cards">
            {items.map((request) => (
              <RequestCard
                key={request.id}
                orgId={orgId}
                request={request}
                onDone={(result) => {
                  setDone(result);
                  setDecided((ids) => new Set([...ids, request.id]));
                  setGeneration((n) => n + 1);
                }}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function RequestCard({
  orgId,
  request,
  onDone,
}: {
  orgId: string;
  request: SupplierRequest;
  onDone(done: Done): void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<'idle' | 'naming' | 'declining'>('idle');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const path = { orgId, requestId: request.id };

  async function accept(contactEmail?: string) {
    setBusy(true);
    setError(null);
    try {
      const { data, error: problem } = await api.client.POST(
        '/api/orgs/{orgId}/supplier-requests/{requestId}/accept',
        { params: { path }, body: contactEmail ? { contactEmail } : {} },
      );
      if (data) {
        onDone({
          kind: 'accepted',
          buyer: request.buyer.name,
          email: data.contactEmail,
          count: data.invitations,
        });
        return;
      }
      setError(problem);
    } catch (failure) {
      setError(failure);
    }
    setBusy(false);
  }

  async function decline() {
    setBusy(true);
    setError(null);
    try {
      const { data, error: problem } = await api.client.POST(
        '/api/orgs/{orgId}/supplier-requests/{requestId}/decline',
        { params: { path } },
      );
      if (data) {
        onDone({ kind: 'declined', buyer: request.buyer.name });
        return;
      }
      setError(problem);
    } catch (failure) {
      setError(failure);
    }
    setBusy(false);
  }

  function submitOwn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void accept(email.trim());
  }

  return (
    <li className="request-card" data-testid="supplier-request">
      <h3 className="request-buyer">{request.buyer.name}</h3>
      <dl className="facts">
        <div>
          <dt>{t('requests.requestedName')}</dt>
          <dd>{request.requestedName}</dd>
        </div>
        <div>
          <dt>{t('requests.corporateNumber')}</dt>
          <dd>{request.corporateNumber}</dd>
        </div>
        <div>
          <dt>{t('requests.contact')}</dt>
          <dd data-testid="request-contact">{request.contactEmail ?? t('requests.noContact')}</dd>
        </div>
        <div>
          <dt>{t('requests.requestedAt')}</dt>
          <dd>{formatDate(request.requestedAt.slice(0, 10), i18n.resolvedLanguage)}</dd>
        </div>
      </dl>
      <p className="request-assessments-title">{t('requests.assessments')}</p>
      {request.assessments.length === 0 ? (
        <p className="muted">{t('requests.noAssessments')}</p>
      ) : (
        <ul className="request-assessments">
          {request.assessments.map((a, i) => (
            <li key={i}>
              {t('requests.assessment', {
                title: a.campaignTitle,
                due: formatDate(a.dueDate, i18n.resolvedLanguage),
              })}
            </li>
          ))}
        </ul>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {mode === 'idle' && (
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            data-testid="request-accept"
            onClick={() => void accept()}
          >
            {busy ? t('requests.working') : t('requests.accept')}
          </button>{' '}
          <button
            type="button"
            className="button"
            disabled={busy}
            data-testid="request-name-own"
            onClick={() => setMode('naming')}
          >
            {t('requests.nameOwn')}
          </button>{' '}
          <button
            type="button"
            className="button button-quiet"
            disabled={busy}
            data-testid="request-decline"
            onClick={() => setMode('declining')}
          >
            {t('requests.decline')}
          </button>
          <p className="muted hint">
            {request.contactEmail
              ? t('requests.acceptHint', { email: request.contactEmail })
              : t('requests.acceptHintNoContact')}
          </p>
        </div>
      )}
      {mode === 'naming' && (
        <form className="inline-form" onSubmit={submitOwn}>
          <label htmlFor={`${id}-email`}>{t('requests.ownEmail')}</label>
          <input
            id={`${id}-email`}
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            data-testid="request-own-email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <button
            type="submit"
            className="button button-primary"
            disabled={busy}
            data-testid="request-accept-own"
          >
            {busy ? t('requests.working') : t('requests.acceptWithOwn')}
          </button>{' '}
          <button type="button" className="button button-quiet" onClick={() => setMode('idle')}>
            {t('requests.cancel')}
          </button>
        </form>
      )}
      {mode === 'declining' && (
        <div className="form-actions" role="group" aria-label={t('requests.decline')}>
          <p>{t('requests.declineConfirm')}</p>
          <button
            type="button"
            className="button"
            disabled={busy}
            data-testid="request-decline-confirm"
            onClick={() => void decline()}
          >
            {busy ? t('requests.working') : t('requests.declineYes')}
          </button>{' '}
          <button type="button" className="button button-quiet" onClick={() => setMode('idle')}>
            {t('requests.cancel')}
          </button>
        </div>
      )}
    </li>
  );
}
