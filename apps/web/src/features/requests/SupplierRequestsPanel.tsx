import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SupplierRequest } from '../../api/types';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { formatDate } from '../../lib/format';
import { useAcceptRequest, useDeclineRequest, useSupplierRequests } from './api';

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
  const [done, setDone] = useState<Done | null>(null);
  // Decided requests leave the list at once (the refetch that follows confirms it).
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const { data, error } = useSupplierRequests(orgId);
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
  const { register, handleSubmit } = useForm<{ email: string }>({ defaultValues: { email: '' } });
  const accepting = useAcceptRequest(orgId);
  const declining = useDeclineRequest(orgId);
  const busy = accepting.isPending || declining.isPending;
  const error = accepting.error ?? declining.error ?? null;

  function accept(contactEmail?: string) {
    declining.reset();
    accepting.mutate(
      { requestId: request.id, ...(contactEmail ? { contactEmail } : {}) },
      {
        onSuccess: (data) =>
          onDone({
            kind: 'accepted',
            buyer: request.buyer.name,
            email: data.contactEmail,
            count: data.invitations,
          }),
      },
    );
  }

  function decline() {
    accepting.reset();
    declining.mutate(request.id, {
      onSuccess: () => onDone({ kind: 'declined', buyer: request.buyer.name }),
    });
  }

  const submitOwn = handleSubmit(({ email }) => accept(email.trim()));

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
            onClick={() => accept()}
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
            {...register('email', { required: true })}
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
            onClick={decline}
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
