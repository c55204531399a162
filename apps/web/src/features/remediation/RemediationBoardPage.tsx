import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useMyRemediation } from './api';
import { ItemCard, toggled } from './ItemCard';
import { STATUS_ORDER } from './types';

/** The supplier's board: every gap of its submitted assessments, grouped by status. */
export function RemediationBoardPage() {
  const { t } = useTranslation('remediation');
  // A change made in an open card updates this list in the cache (see storeRemediationItem).
  const { data, error, isPending } = useMyRemediation();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const items = data?.items ?? [];

  return (
    <div className="page remediation-page">
      <div className="page-head">
        <h1>{t('board.title')}</h1>
      </div>
      <p className="muted page-lead">{t('board.lead')}</p>
      {error !== null ? (
        <ErrorMessage error={error} />
      ) : isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty" role="status" data-testid="remediation-empty">
          {t('board.empty')}
        </p>
      ) : (
        STATUS_ORDER.map((status) => {
          const group = items.filter((i) => i.status === status);
          if (group.length === 0) return null;
          return (
            <section
              key={status}
              className="remediation-group"
              data-testid={`remediation-group-${status}`}
              aria-labelledby={`remediation-group-${status}`}
            >
              <h2 id={`remediation-group-${status}`} className="remediation-group-title">
                {t(`status.${status}`)}{' '}
                <span className="muted remediation-group-count">
                  {t('board.count', { count: group.length })}
                </span>
              </h2>
              <p className="muted hint">{t(`statusHint.${status}`)}</p>
              <ul className="remediation-list">
                {group.map((item) => (
                  <ItemCard
                    key={item.id}
                    item={item}
                    side="supplier"
                    open={open.has(item.id)}
                    onToggle={() => setOpen(toggled(open, item.id))}
                  />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </div>
  );
}
