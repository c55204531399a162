import { useTranslation } from 'react-i18next';
import { formatDate, localized } from '../../lib/format';
import { ConsentBadge, useLevelLabel } from './bits';
import { percent } from './format';
import { RadarChart } from './RadarChart';
import type { HeatmapCatalogue, SupplierSummary } from './types';

export const SUPPLIER_COLOR = '--series-own';
export const TARGET_COLOR = '--series-reference';

/**
 * Levels, per-category results (radar + table), gaps and remediation: shared by the page and the report. A
 * supplier sharing a summary only shows its rates and the number of open items; its requirements and items
 * are not sent by the API at all.
 */
export function SupplierSummaryView({
  summary,
  catalogue,
  compact = false,
}: {
  summary: SupplierSummary;
  catalogue: HeatmapCatalogue | null;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation('insights');
  const language = i18n.resolvedLanguage;
  const label = useLevelLabel(catalogue);
  const rates = summary.categoryRates;
  const groupIds = catalogue ? catalogue.groups.map((g) => g.id) : Object.keys(rates);
  const groupName = (groupId: string) =>
    localized(catalogue?.groups.find((g) => g.id === groupId)?.title, language) || groupId;
  const shown = groupIds.filter((g) => rates[g] !== undefined);

  return (
    <div className="supplier-summary" data-testid="supplier-summary" data-consent={summary.consent}>
      <dl className="facts summary-facts">
        <div>
          <dt>{t('columns.tier')}</dt>
          <dd>{t('common.tierValue', { tier: summary.tier })}</dd>
        </div>
        {summary.viaSupplierName && (
          <div>
            <dt>{t('columns.via')}</dt>
            <dd>{summary.viaSupplierName}</dd>
          </div>
        )}
        <div>
          <dt>{t('columns.consent')}</dt>
          <dd>
            <ConsentBadge consent={summary.consent} />
          </dd>
        </div>
        <div>
          <dt>
            <abbr title={t('columns.claimedHelp')}>{t('columns.claimed')}</abbr>
          </dt>
          <dd data-testid="summary-claimed">{label(summary.level)}</dd>
        </div>
        <div>
          <dt>
            <abbr title={t('columns.confirmedHelp')}>{t('columns.confirmed')}</abbr>
          </dt>
          <dd data-testid="summary-confirmed">{label(summary.confirmedLevel)}</dd>
        </div>
        <div>
          <dt>{t('columns.target')}</dt>
          <dd>{label(summary.targetLevel)}</dd>
        </div>
        {summary.achievement !== undefined && summary.achievement !== null && (
          <div>
            <dt>{t('columns.achievement')}</dt>
            <dd>{percent(summary.achievement, language)}</dd>
          </div>
        )}
      </dl>

      {shown.length > 0 && (
        <section className="summary-block" aria-labelledby="summary-categories">
          <h2 id="summary-categories">{t('supplier.categories')}</h2>
          {shown.length >= 3 ? (
            <RadarChart
              caption={t('supplier.radarCaption')}
              categories={shown.map(groupName)}
              height={compact ? 260 : 320}
              series={[
                {
                  name: summary.supplierName,
                  values: shown.map((g) => rates[g] ?? null),
                  color: SUPPLIER_COLOR,
                },
                { name: t('supplier.target'), values: shown.map(() => 1), color: TARGET_COLOR, dashed: true },
              ]}
            />
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('radar.category')}</th>
                  <th scope="col">{summary.supplierName}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((g) => (
                  <tr key={g}>
                    <th scope="row">{groupName(g)}</th>
                    <td className="cell-number">{percent(rates[g], language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {summary.gaps === null || summary.remediation === null ? (
        <section className="summary-block" aria-labelledby="summary-private">
          <h2 id="summary-private">{t('supplier.openItems', { count: summary.openRemediation })}</h2>
          <p className="muted" data-testid="summary-details-private">
            {t('supplier.detailsPrivate')}
          </p>
        </section>
      ) : (
        <GapsAndItems gaps={summary.gaps} remediation={summary.remediation} />
      )}
    </div>
  );
}

function GapsAndItems({
  gaps,
  remediation,
}: {
  gaps: NonNullable<SupplierSummary['gaps']>;
  remediation: NonNullable<SupplierSummary['remediation']>;
}) {
  const { t, i18n } = useTranslation('insights');
  const language = i18n.resolvedLanguage;
  return (
    <>
      <section className="summary-block" aria-labelledby="summary-gaps">
        <h2 id="summary-gaps">{t('supplier.gaps', { count: gaps.length })}</h2>
        {gaps.length === 0 ? (
          <p className="muted">{t('supplier.noGaps')}</p>
        ) : (
          <ul className="gap-list" data-testid="summary-gaps">
            {gaps.map((gap) => (
              <li key={gap.criterionId}>
                <span className="criterion-id">{gap.criterionId}</span> {localized(gap.title, language)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="summary-block" aria-labelledby="summary-remediation">
        <h2 id="summary-remediation">{t('supplier.remediation', { count: remediation.length })}</h2>
        {remediation.length === 0 ? (
          <p className="muted">{t('supplier.noRemediation')}</p>
        ) : (
          <table className="data-table remediation-table">
            <thead>
              <tr>
                <th scope="col">{t('supplier.criterion')}</th>
                <th scope="col">{t('supplier.status')}</th>
                <th scope="col">{t('supplier.dueDate')}</th>
              </tr>
            </thead>
            <tbody>
              {remediation.map((item) => (
                <tr key={item.id}>
                  <th scope="row" className="criterion-id">
                    {item.criterionId}
                  </th>
                  <td>{t(`remediationStatus.${item.status}`)}</td>
                  <td>{item.dueDate ? formatDate(item.dueDate, language) : t('common.dash')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
