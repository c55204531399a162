import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { localized } from '../../lib/format';
import { CategoryValue, ConsentBadge, RemediationCounts, useLevelLabel } from './bits';
import { percent, supplierInsightsPath } from './format';
import { useSupplierRows } from './api';
import type { HeatmapCatalogue, InsightsFilters, InsightSupplier, SortKey, SortOrder, Tier } from './types';

/** One tier's suppliers: sortable by name, level, achievement and every category; each row opens the supplier. */
export function SupplierTable({
  orgId,
  tier,
  filters,
  catalogue,
  minimumGroup,
}: {
  orgId: string;
  tier: Tier;
  filters: InsightsFilters;
  catalogue: HeatmapCatalogue | null;
  /** k of the API's k-anonymity rule. */
  minimumGroup: number;
}) {
  const { t } = useTranslation('insights');
  const id = useId();
  const [sort, setSort] = useState<{ key: SortKey; order: SortOrder }>({ key: 'achievement', order: 'asc' });
  const rows = useSupplierRows(orgId, { filters, tier, sort: sort.key, order: sort.order });

  const sortBy = (key: SortKey) =>
    setSort((current) =>
      current.key === key ? { key, order: current.order === 'asc' ? 'desc' : 'asc' } : { key, order: 'asc' },
    );

  return (
    <section className="insights-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('suppliers.tierTitle', { tier })}</h3>
      {rows.hiddenByConsent !== null && rows.hiddenByConsent > 0 && (
        <p className="muted" data-testid="hidden-by-consent">
          {t('suppliers.hiddenByConsent', { count: rows.hiddenByConsent, k: minimumGroup })}
        </p>
      )}
      {tier > 1 && !rows.loading && rows.hiddenByConsent === null && (
        <p className="muted" data-testid="hidden-by-consent">
          {t('suppliers.hiddenNotCounted', { k: minimumGroup })}
        </p>
      )}
      {rows.error !== null ? (
        <ErrorMessage error={rows.error} />
      ) : rows.loading ? (
        <p role="status">{t('common.loading')}</p>
      ) : rows.items.length === 0 ? (
        <p className="empty" role="status">
          {t('suppliers.empty')}
        </p>
      ) : (
        <div className="results">
          <p className="result-count" role="status">
            {t('suppliers.count', { loaded: rows.items.length, total: rows.total })}
          </p>
          <SupplierRowsTable
            orgId={orgId}
            rows={rows.items}
            catalogue={catalogue}
            showConsent={tier > 1}
            sort={sort}
            onSort={sortBy}
            rowTestId="insights-supplier-row"
          />
          {rows.moreError !== null && <ErrorMessage error={rows.moreError} />}
          {rows.hasMore && (
            <button
              type="button"
              className="button button-block load-more"
              disabled={rows.loadingMore}
              onClick={rows.loadMore}
            >
              {rows.loadingMore ? t('common.loading') : t('common.loadMore')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

interface TableProps {
  orgId: string;
  rows: readonly InsightSupplier[];
  catalogue: HeatmapCatalogue | null;
  showConsent: boolean;
  rowTestId: string;
  /** Only these categories (the drill-down shows the clicked one); all when omitted. */
  groupIds?: readonly string[];
  sort?: { key: SortKey; order: SortOrder };
  onSort?(key: SortKey): void;
}

/** The rows of a supplier list; column headers sort when `onSort` is given. */
export function SupplierRowsTable({
  orgId,
  rows,
  catalogue,
  showConsent,
  rowTestId,
  groupIds,
  sort,
  onSort,
}: TableProps) {
  const { t, i18n } = useTranslation('insights');
  const language = i18n.resolvedLanguage;
  const label = useLevelLabel(catalogue);
  const groups = (catalogue?.groups ?? []).filter((g) => !groupIds || groupIds.includes(g.id));

  const header = (key: SortKey | null, text: string, help?: string) => {
    const content = help ? <abbr title={help}>{text}</abbr> : text;
    if (!key || !onSort) return <th scope="col">{content}</th>;
    const active = sort?.key === key;
    const order = active ? sort.order : undefined;
    return (
      <th scope="col" aria-sort={order === 'asc' ? 'ascending' : order === 'desc' ? 'descending' : undefined}>
        <button type="button" className="sort-button" onClick={() => onSort(key)}>
          {content}
          <span className="sort-mark" aria-hidden="true">
            {order === 'asc' ? '▲' : order === 'desc' ? '▼' : '↕'}
          </span>
          <span className="visually-hidden">{t('suppliers.sortHint')}</span>
        </button>
      </th>
    );
  };

  const col = {
    supplier: t('columns.supplier'),
    consent: t('columns.consent'),
    claimed: t('columns.claimed'),
    confirmed: t('columns.confirmed'),
    target: t('columns.target'),
    achievement: t('columns.achievement'),
    remediation: t('columns.remediation'),
  };

  return (
    <div className="table-wrap">
      <table className="supplier-table insights-table">
        <thead>
          <tr>
            {header('name', col.supplier)}
            {showConsent && header(null, col.consent)}
            {header('level', col.claimed, t('columns.claimedHelp'))}
            {header(null, col.confirmed, t('columns.confirmedHelp'))}
            {header(null, col.target)}
            {header('achievement', col.achievement, t('columns.achievementHelp'))}
            {groups.map((g) => (
              <Fragment key={g.id}>{header(g.id, localized(g.title, language))}</Fragment>
            ))}
            {header(null, col.remediation)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.supplierId} data-testid={rowTestId} data-supplier-id={row.supplierId}>
              <th scope="row" data-label={col.supplier} className="cell-name">
                <Link to={supplierInsightsPath(orgId, row.supplierId)} className="row-link">
                  {row.supplierName}
                </Link>{' '}
                <span className="badge badge-muted">{t('common.tierValue', { tier: row.tier })}</span>
                {row.viaSupplierName && (
                  <span className="via muted">{t('suppliers.via', { name: row.viaSupplierName })}</span>
                )}
              </th>
              {showConsent && (
                <td data-label={col.consent}>
                  <ConsentBadge consent={row.consent} />
                </td>
              )}
              <td data-label={col.claimed}>{label(row.level)}</td>
              <td data-label={col.confirmed}>{label(row.confirmedLevel)}</td>
              <td data-label={col.target}>{label(row.targetLevel)}</td>
              <td data-label={col.achievement} className="cell-number">
                {percent(row.achievement, language)}
              </td>
              {groups.map((g) => (
                <td key={g.id} data-label={localized(g.title, language)}>
                  <CategoryValue tally={row.categories?.[g.id]} rate={row.categoryRates[g.id]} />
                </td>
              ))}
              <td data-label={col.remediation}>
                <RemediationCounts open={row.openRemediation} overdue={row.overdueRemediation} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
