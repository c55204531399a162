import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { localized } from '../../lib/format';
import { useCurrentMembership } from '../shell/organization';
import { ApiTokensPanel } from './ApiTokensPanel';
import { RemediationCounts } from './bits';
import { DistributionChart } from './DistributionChart';
import { canViewInsights } from './format';
import { type CellRef, HeatmapChart } from './HeatmapChart';
import { useInsightsFilters } from './useInsightsFilters';
import { InsightsFiltersForm } from './InsightsFilters';
import { useCellSuppliers, useDistribution, useHeatmap } from './api';
import { type ExportName, exportUrl } from './query';
import { SupplierRowsTable, SupplierTable } from './SupplierTable';
import type { Distribution, Heatmap, InsightsFilters } from './types';

export function InsightsPage() {
  const { t } = useTranslation('insights');
  const { orgId = '' } = useParams();
  const membership = useCurrentMembership();
  if (membership && !canViewInsights(membership.role)) {
    return (
      <div className="page">
        <h1>{t('page.title')}</h1>
        <p className="empty" role="status">
          {t('page.notForRole')}
        </p>
      </div>
    );
  }
  return <InsightsView key={orgId} orgId={orgId} isAdmin={membership?.role === 'admin'} />;
}

function InsightsView({ orgId, isAdmin }: { orgId: string; isAdmin: boolean }) {
  const { t } = useTranslation('insights');
  const [filters, setFilters] = useInsightsFilters();
  const [selected, setSelected] = useState<CellRef | null>(null);
  const filterKey = JSON.stringify([orgId, filters]);
  const heatmap = useHeatmap(orgId, filters);
  const distribution = useDistribution(orgId, filters);

  const data = heatmap.data;
  const catalogue = data?.catalogue ?? null;
  return (
    <div className="page insights-page">
      <div className="page-head">
        <h1>{t('page.title')}</h1>
      </div>
      <p className="muted page-lead">{t('page.lead')}</p>
      <InsightsFiltersForm
        key={filterKey}
        orgId={orgId}
        filters={filters}
        onApply={(next) => {
          setSelected(null);
          setFilters(next);
        }}
      />
      <ExportLinks orgId={orgId} filters={filters} />
      {isAdmin && <ApiTokensPanel orgId={orgId} />}

      {heatmap.error !== null ? (
        <ErrorMessage error={heatmap.error} />
      ) : !data ? (
        <p role="status">{t('common.loading')}</p>
      ) : !catalogue || data.tiers.length === 0 ? (
        <p className="empty" role="status" data-testid="insights-empty">
          {t('page.empty')}
        </p>
      ) : (
        <div aria-busy={heatmap.isFetching} className="insights-body">
          <HeatmapSection heatmap={data} selected={selected} onSelect={setSelected} />
          {selected && (
            <CellSuppliers
              key={`${selected.tier}/${selected.groupId}/${filterKey}`}
              orgId={orgId}
              filters={filters}
              cell={selected}
              heatmap={data}
              onClose={() => setSelected(null)}
            />
          )}
          <DistributionSection
            distribution={distribution.data}
            error={distribution.error}
            catalogue={catalogue}
          />
          <section className="insights-section" aria-labelledby="insights-suppliers-title">
            <h2 id="insights-suppliers-title">{t('suppliers.title')}</h2>
            <p className="muted">{t('suppliers.lead')}</p>
            {data.tiers.map((tier) => (
              <SupplierTable
                key={`${tier.tier}/${filterKey}`}
                orgId={orgId}
                tier={tier.tier}
                filters={filters}
                catalogue={catalogue}
                minimumGroup={data.minimumGroup}
              />
            ))}
          </section>
        </div>
      )}
    </div>
  );
}

function HeatmapSection({
  heatmap,
  selected,
  onSelect,
}: {
  heatmap: Heatmap;
  selected: CellRef | null;
  onSelect(cell: CellRef): void;
}) {
  const { t, i18n } = useTranslation('insights');
  const id = useId();
  return (
    <section className="insights-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('heatmap.title')}</h2>
      <p className="muted">
        {t('heatmap.lead', {
          catalogue: localized(heatmap.catalogue?.title, i18n.resolvedLanguage),
        })}
      </p>
      <HeatmapChart heatmap={heatmap} selected={selected} onSelect={onSelect} />
      <AnonymityNote minimumGroup={heatmap.minimumGroup} anonymousCounted={heatmap.anonymousCounted} />
    </section>
  );
}

/** Why some Tier 2 figures are hidden, and whether suppliers that share nothing are counted in this view. */
function AnonymityNote({
  minimumGroup,
  anonymousCounted,
}: {
  minimumGroup: number;
  anonymousCounted: boolean;
}) {
  const { t } = useTranslation('insights');
  return (
    <div className="hint anonymity-note" data-testid="anonymity-note">
      <p>{t('anonymity.rule', { k: minimumGroup })}</p>
      <p data-testid="anonymity-counted">
        {anonymousCounted ? t('anonymity.counted', { k: minimumGroup }) : t('anonymity.notCounted')}
      </p>
    </div>
  );
}

/** The suppliers behind one heat map cell, weakest first. Focus moves here when a cell is chosen. */
function CellSuppliers({
  orgId,
  filters,
  cell,
  heatmap,
  onClose,
}: {
  orgId: string;
  filters: InsightsFilters;
  cell: CellRef;
  heatmap: Heatmap;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation('insights');
  const heading = useRef<HTMLHeadingElement>(null);
  const { data, error, isPending } = useCellSuppliers(orgId, filters, cell.tier, cell.groupId);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, []);
  const group = heatmap.catalogue?.groups.find((g) => g.id === cell.groupId);
  const rows = data?.items ?? [];
  return (
    <section className="insights-section drill" aria-labelledby="drill-title" data-testid="drill">
      <div className="page-head">
        <h2 id="drill-title" ref={heading} tabIndex={-1}>
          {t('drill.title', {
            tier: cell.tier,
            category: localized(group?.title, i18n.resolvedLanguage),
          })}
        </h2>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('drill.close')}
        </button>
      </div>
      {error !== null ? (
        <ErrorMessage error={error} />
      ) : isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty" role="status">
          {t('drill.empty')}
        </p>
      ) : (
        <>
          <p className="result-count" role="status">
            {t('drill.count', { count: data?.total ?? rows.length })}
          </p>
          <SupplierRowsTable
            orgId={orgId}
            rows={rows}
            catalogue={heatmap.catalogue}
            showConsent={cell.tier > 1}
            groupIds={[cell.groupId]}
            rowTestId="drill-row"
          />
        </>
      )}
    </section>
  );
}

function DistributionSection({
  distribution,
  error,
  catalogue,
}: {
  distribution: Distribution | undefined;
  error: unknown;
  catalogue: Heatmap['catalogue'];
}) {
  const { t } = useTranslation('insights');
  const id = useId();
  return (
    <section className="insights-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('distribution.title')}</h2>
      <p className="muted">{t('distribution.lead')}</p>
      {error !== null ? (
        <ErrorMessage error={error} />
      ) : !distribution ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <ul className="stat-tiles remediation-tiles" aria-label={t('remediation.title')}>
            {distribution.tiers.map((tier) => (
              <li key={tier.tier} className="stat-tile" data-testid={`remediation-tier-${tier.tier}`}>
                <span className="stat-label">{t('remediation.tierTitle', { tier: tier.tier })}</span>
                <span className="stat-value">
                  {tier.hidden ? (
                    <span className="muted">{t('common.hiddenShort')}</span>
                  ) : (
                    <RemediationCounts open={tier.openRemediation} overdue={tier.overdueRemediation} />
                  )}
                </span>
              </li>
            ))}
          </ul>
          <div className="distribution-grid">
            {distribution.tiers.map((tier) => (
              <DistributionChart
                key={tier.tier}
                tier={tier}
                catalogue={catalogue}
                minimumGroup={distribution.minimumGroup}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function ExportLinks({ orgId, filters }: { orgId: string; filters: InsightsFilters }) {
  const { t, i18n } = useTranslation('insights');
  const lang = i18n.resolvedLanguage?.startsWith('en') ? 'en' : 'ja';
  const link = (name: ExportName, testId: string, text: string) => (
    <a className="button" href={exportUrl(orgId, name, filters, lang)} download data-testid={testId}>
      {text}
    </a>
  );
  return (
    <div className="export-links" role="group" aria-label={t('export.title')}>
      <span className="export-title">{t('export.title')}</span>
      {link('heatmap.csv', 'export-heatmap-csv', t('export.heatmapCsv'))}
      {link('heatmap.xlsx', 'export-heatmap-xlsx', t('export.heatmapXlsx'))}
      {link('suppliers.csv', 'export-suppliers-csv', t('export.suppliersCsv'))}
      {link('suppliers.xlsx', 'export-suppliers-xlsx', t('export.suppliersXlsx'))}
    </div>
  );
}
