import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, localized } from '../../lib/format';
import { RemediationPanel } from './RemediationPanel';
import type { RemediationItem, RemediationStatus } from './types';

export function RemediationStatusBadge({ status }: { status: RemediationStatus }) {
  const { t } = useTranslation('remediation');
  return (
    <span
      className={`badge remediation-status remediation-status-${status}`}
      data-testid="remediation-status"
      data-status={status}
    >
      {t(`status.${status}`)}
    </span>
  );
}

/** One item as a card; opening it shows the full panel (plan, status, evidence, verification, history). */
export function ItemCard({
  item,
  side,
  open,
  onToggle,
}: {
  item: RemediationItem;
  side: 'supplier' | 'buyer';
  /** Kept by the page, so a card that moves to another status group stays open. */
  open: boolean;
  onToggle(): void;
}) {
  const { t, i18n } = useTranslation('remediation');
  const id = useId();
  const language = i18n.resolvedLanguage;
  const editable = side === 'supplier' && item.status !== 'verified';

  return (
    <li
      className={`remediation-card${item.overdue ? ' remediation-card-overdue' : ''}`}
      data-testid="remediation-item"
      data-item-id={item.id}
      data-criterion-id={item.criterion.id}
      data-status={item.status}
    >
      <div className="remediation-card-head">
        <h3 className="remediation-card-title">
          <span className="criterion-id">{item.criterion.id}</span>{' '}
          {localized(item.criterion.title, language)}
        </h3>
        <span className="remediation-badges">
          <RemediationStatusBadge status={item.status} />
          {item.overdue && (
            <span className="badge badge-critical" data-testid="remediation-overdue">
              {t('item.overdue')}
            </span>
          )}
        </span>
      </div>
      <dl className="facts remediation-card-facts">
        <div>
          <dt>{side === 'supplier' ? t('item.buyer') : t('item.supplier')}</dt>
          <dd>
            {side === 'supplier' ? item.buyer.name : item.supplier.name}
            {side === 'buyer' && item.tier !== null && (
              <span className="badge badge-muted remediation-tier">
                {t('item.tier', { tier: item.tier })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('item.campaign')}</dt>
          <dd>{item.campaignTitle}</dd>
        </div>
        <div>
          <dt>{t('item.due')}</dt>
          <dd data-testid="remediation-due-text">
            {item.dueDate ? formatDate(item.dueDate, language) : t('item.noDue')}
          </dd>
        </div>
        {item.ownerName && (
          <div>
            <dt>{t('form.owner')}</dt>
            <dd>{item.ownerName}</dd>
          </div>
        )}
        <div>
          <dt>{t('evidence.title')}</dt>
          <dd>{t('item.evidence', { count: item.evidenceCount })}</dd>
        </div>
      </dl>
      <button
        type="button"
        className="button button-quiet remediation-toggle"
        data-testid="remediation-toggle"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={onToggle}
      >
        {open ? t('item.close') : editable ? t('item.open') : t('item.openReadOnly')}
      </button>
      {open && (
        <div id={`${id}-panel`}>
          <RemediationPanel itemId={item.id} />
        </div>
      )}
    </li>
  );
}

/** Which cards are open, by item id. */
export function toggled(open: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(open);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
