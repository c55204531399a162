import { useTranslation } from 'react-i18next';
import type { RemediationEvent, RemediationStatus } from './types';

const FIELDS = ['plan', 'ownerName', 'dueDate', 'supportOffer', 'riskReason', 'riskExpiresOn'] as const;
type Field = (typeof FIELDS)[number];
const isField = (key: string): key is Field => (FIELDS as readonly string[]).includes(key);
const STATUSES: readonly string[] = ['open', 'planned', 'in_progress', 'done', 'verified', 'risk_accepted'];
const isStatus = (s: string | null): s is RemediationStatus => s !== null && STATUSES.includes(s);

/** Every change of the item, oldest first: who, when, what. */
export function History({ events }: { events: readonly RemediationEvent[] }) {
  const { t, i18n } = useTranslation('remediation');
  const status = (s: string | null) => (isStatus(s) ? t(`status.${s}`) : (s ?? '—'));

  function describe(e: RemediationEvent): string {
    switch (e.action) {
      case 'created':
      case 'updated':
      case 'verified':
      case 'reopened':
      case 'gap_closed':
      case 'gap_reopened':
        return t(`history.${e.action}`);
      case 'status':
        return t('history.status', { from: status(e.fromStatus), to: status(e.toStatus) });
      case 'evidence_added':
        return t('history.evidence_added', {
          name: typeof e.data.filename === 'string' ? e.data.filename : '',
        });
      default:
        return e.action;
    }
  }

  function changed(e: RemediationEvent): string | null {
    const changes = e.data.changes;
    if (typeof changes !== 'object' || changes === null) return null;
    const names = Object.keys(changes)
      .filter(isField)
      .map((f) => t(`fields.${f}`));
    return names.length ? t('history.fields', { fields: names.join('、') }) : null;
  }

  return (
    <section className="remediation-history">
      <h3>{t('history.title')}</h3>
      <ol className="remediation-events" data-testid="remediation-history">
        {events.map((e) => {
          const fields = changed(e);
          const comment = typeof e.data.comment === 'string' ? e.data.comment : null;
          return (
            <li key={e.id} data-testid="remediation-event" data-action={e.action}>
              <span className="muted remediation-event-when">
                {new Date(e.createdAt).toLocaleString(
                  i18n.resolvedLanguage?.startsWith('en') ? 'en-GB' : 'ja-JP',
                )}
                {' · '}
                {e.actorName ?? t('history.someone')}
              </span>
              <span className="remediation-event-what">{describe(e)}</span>
              {fields && <span className="muted">{fields}</span>}
              {comment && <span className="pre-wrap">{t('history.comment', { comment })}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
