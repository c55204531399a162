import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tier } from '../../api/types';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { SupplierTable } from './SupplierTable';
import { tierPanelId } from './TierTabs';
import { useNetworkPage } from './api';

export const PAGE_SIZE = 25;

interface Props {
  orgId: string;
  tier: Tier;
  q: string;
  /** Whether to point at the add/import forms when the list is empty. */
  canAdd: boolean;
}

/** One tier's suppliers with cursor paging. Keyed by org/tier/query by the parent, so paging restarts. */
export function SupplierResults({ orgId, tier, q, canAdd }: Props) {
  const { t } = useTranslation();
  // cursors[i] opens page i; page 0 has no cursor.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const pageIndex = cursors.length - 1;
  const query = useNetworkPage(
    orgId,
    { tier, q, limit: PAGE_SIZE, cursor: cursors[pageIndex] },
    { keepPrevious: true },
  );
  const { data: page, isFetching: loading, refetch } = query;
  const error = query.isError ? query.error : null;

  const items = page?.items ?? [];
  const from = pageIndex * PAGE_SIZE + 1;

  return (
    <section
      id={tierPanelId}
      role="tabpanel"
      aria-labelledby={`tier-tab-${tier}`}
      aria-busy={loading}
      className={loading && page ? 'results is-loading' : 'results'}
    >
      {error !== null ? (
        <>
          <ErrorMessage error={error} />
          <button type="button" className="button" onClick={() => void refetch()}>
            {t('common.retry')}
          </button>
        </>
      ) : !page ? (
        <p role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty" role="status">
          {q ? t('suppliers.noMatch', { q }) : t(tier === 1 ? 'suppliers.empty1' : 'suppliers.empty2')}
          {!q && tier === 1 && canAdd && (
            <>
              <br />
              {t('suppliers.emptyAddHint')}
            </>
          )}
        </p>
      ) : (
        <>
          <p className="result-count" role="status">
            {loading
              ? t('common.loading')
              : t('suppliers.count', { total: page.total, from, to: from + items.length - 1 })}
          </p>
          <SupplierTable items={items} />
          <nav className="pager" aria-label={t('suppliers.pagination')}>
            <button
              type="button"
              className="button"
              disabled={pageIndex === 0 || loading}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              {t('suppliers.prev')}
            </button>
            <button
              type="button"
              className="button"
              disabled={!page.nextCursor || loading}
              onClick={() => page.nextCursor && setCursors((c) => [...c, page.nextCursor ?? undefined])}
            >
              {t('suppliers.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
