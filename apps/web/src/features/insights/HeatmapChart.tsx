import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../lib/format';
import { ChartFigure } from './ChartFigure';
import { chartColors, heatColor, heatPalette, textOn } from './colors';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { percent } from './format';
import type { Heatmap, HeatmapCell, HeatmapGroup, Tier } from './types';

export interface CellRef {
  tier: Tier;
  groupId: string;
}

interface Point {
  tier: Tier;
  group: HeatmapGroup;
  cell: HeatmapCell | undefined;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

type ShownCell = HeatmapCell & { suppliers: number; meetingTarget: number; shareMeetingTarget: number };

const hasSuppliers = (cell: HeatmapCell | undefined): cell is ShownCell =>
  !!cell && !cell.hidden && cell.suppliers !== null && cell.suppliers > 0;

/** Hidden by the API: too few suppliers that do not share their full answers (k-anonymity). */
const isHidden = (cell: HeatmapCell | undefined): boolean => !!cell && cell.hidden;

/**
 * Tier × category: how many suppliers meet the target in each category. Categories are rows and tiers are
 * columns, so the map stays readable on a phone. The table below has the same numbers and is clickable.
 */
export function HeatmapChart({
  heatmap,
  selected,
  onSelect,
}: {
  heatmap: Heatmap;
  selected: CellRef | null;
  onSelect(cell: CellRef): void;
}) {
  const { t, i18n } = useTranslation('insights');
  const language = i18n.resolvedLanguage;
  const groups = useMemo(() => heatmap.catalogue?.groups ?? [], [heatmap.catalogue]);
  const tiers = heatmap.tiers;
  const k = heatmap.minimumGroup;
  // Real colours from the design tokens (ECharts and the inline cell styles need values, not var()).
  const palette = useMemo(() => heatPalette(), []);
  const colors = useMemo(() => chartColors(), []);

  const points = useMemo(
    () =>
      tiers.flatMap((tier) =>
        groups.map((group): Point => ({
          tier: tier.tier,
          group,
          cell: tier.cells.find((c) => c.groupId === group.id),
        })),
      ),
    [tiers, groups],
  );

  const describe = (point: Point): string =>
    isHidden(point.cell)
      ? t('heatmap.hiddenCell', {
          tier: point.tier,
          category: localized(point.group.title, language),
          k,
        })
      : hasSuppliers(point.cell)
        ? t('heatmap.cellDescription', {
            tier: point.tier,
            category: localized(point.group.title, language),
            share: percent(point.cell.shareMeetingTarget, language),
            meeting: point.cell.meetingTarget,
            suppliers: point.cell.suppliers,
            average: percent(point.cell.averageAchievement, language),
          })
        : t('heatmap.noSuppliers', {
            tier: point.tier,
            category: localized(point.group.title, language),
          });

  const option = useMemo((): ChartOption => {
    const tierLabels = tiers.map((tier) => t('common.tierValue', { tier: tier.tier }));
    const groupLabels = groups.map((g) => localized(g.title, language));
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const index = Array.isArray(params) ? params[0]?.dataIndex : params.dataIndex;
          const point = index === undefined ? undefined : points[index];
          if (!point) return '';
          const head = `<strong>${escapeHtml(localized(point.group.title, language))}</strong> · ${escapeHtml(
            t('common.tierValue', { tier: point.tier }),
          )}`;
          if (isHidden(point.cell)) return `${head}<br>${escapeHtml(t('heatmap.hiddenTip', { k }))}`;
          if (!hasSuppliers(point.cell)) return `${head}<br>${escapeHtml(t('heatmap.noData'))}`;
          return [
            head,
            escapeHtml(
              t('heatmap.tipShare', {
                share: percent(point.cell.shareMeetingTarget, language),
                meeting: point.cell.meetingTarget,
                suppliers: point.cell.suppliers,
              }),
            ),
            escapeHtml(
              t('heatmap.tipAverage', { average: percent(point.cell.averageAchievement, language) }),
            ),
            escapeHtml(t('heatmap.tipSuppliers', { count: point.cell.suppliers })),
          ].join('<br>');
        },
      },
      xAxis: {
        type: 'category',
        position: 'top',
        data: tierLabels,
        splitArea: { show: false },
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: colors.text, fontWeight: 'bold' },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: groupLabels,
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: colors.text, width: 150, overflow: 'truncate' },
      },
      series: [
        {
          type: 'heatmap',
          data: points.map((point, index) => {
            const share = hasSuppliers(point.cell) ? point.cell.shareMeetingTarget : null;
            const hidden = isHidden(point.cell);
            const isSelected = selected?.tier === point.tier && selected.groupId === point.group.id;
            return {
              value: [tiers.findIndex((tier) => tier.tier === point.tier), index % groups.length, share ?? 0],
              itemStyle: {
                color: share === null ? palette.noData : heatColor(share, palette.scale),
                borderColor: isSelected ? colors.selected : colors.cellBorder,
                borderWidth: isSelected ? 4 : 2,
              },
              label: {
                show: true,
                color: share === null ? colors.muted : textOn(share, palette),
                formatter: hidden
                  ? t('heatmap.hiddenShort')
                  : share === null
                    ? '—'
                    : percent(share, language),
                fontSize: 14,
                fontWeight: 'bold',
              },
            };
          }),
          emphasis: { itemStyle: { borderColor: colors.text, borderWidth: 2 } },
        },
      ],
    };
  }, [points, tiers, groups, language, selected, t, k, palette, colors]);

  const pick = (point: Point | undefined) => {
    if (point && hasSuppliers(point.cell)) onSelect({ tier: point.tier, groupId: point.group.id });
  };

  return (
    <ChartFigure
      testId="heatmap"
      toggleTestId="heatmap-table-toggle"
      caption={t('heatmap.caption')}
      chart={
        <EChart
          option={option}
          height={Math.max(160, groups.length * 48 + 48)}
          onItemClick={({ dataIndex }) => pick(points[dataIndex])}
          className="heatmap-chart"
        />
      }
      legend={<HeatLegend minimumGroup={k} />}
      table={
        <table className="data-table heatmap-table">
          <caption className="visually-hidden">{t('heatmap.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('heatmap.category')}</th>
              {tiers.map((tier) => (
                <th scope="col" key={tier.tier}>
                  {t('common.tierValue', { tier: tier.tier })}{' '}
                  <span className="muted">
                    {tier.hidden || tier.suppliers === null
                      ? t('heatmap.tierHidden')
                      : t('heatmap.tierSuppliers', { count: tier.suppliers })}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.id}>
                <th scope="row">{localized(group.title, language)}</th>
                {tiers.map((tier) => {
                  const point = points.find((p) => p.tier === tier.tier && p.group.id === group.id);
                  const cell = point?.cell;
                  const testId = `heatmap-cell-${tier.tier}-${group.id}`;
                  if (point && isHidden(cell)) {
                    return (
                      <td key={tier.tier} data-testid={testId} className="heat-cell heat-empty heat-hidden">
                        <span aria-hidden="true">{t('heatmap.hiddenShort')}</span>
                        <span className="visually-hidden">{describe(point)}</span>
                      </td>
                    );
                  }
                  if (!point || !hasSuppliers(cell)) {
                    return (
                      <td key={tier.tier} data-testid={testId} className="heat-cell heat-empty">
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">
                          {point ? describe(point) : t('heatmap.noData')}
                        </span>
                      </td>
                    );
                  }
                  const isSelected = selected?.tier === tier.tier && selected.groupId === group.id;
                  return (
                    <td key={tier.tier} className="heat-cell">
                      <button
                        type="button"
                        className="heat-button"
                        data-testid={testId}
                        aria-pressed={isSelected}
                        aria-label={describe(point)}
                        style={{
                          background: heatColor(cell.shareMeetingTarget, palette.scale),
                          color: textOn(cell.shareMeetingTarget, palette),
                        }}
                        onClick={() => pick(point)}
                      >
                        <strong>{percent(cell.shareMeetingTarget, language)}</strong>
                        <span className="heat-detail">
                          {t('heatmap.cellShort', { meeting: cell.meetingTarget, suppliers: cell.suppliers })}
                        </span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** The colour scale, as a gradient with its end points, a swatch for "no suppliers" and what "hidden" means. */
export function HeatLegend({ minimumGroup }: { minimumGroup: number }) {
  const { t, i18n } = useTranslation('insights');
  const language = i18n.resolvedLanguage;
  const stops = [0, 0.25, 0.5, 0.75, 1];
  const palette = heatPalette();
  return (
    <div className="heat-legend">
      <span className="heat-legend-title">{t('heatmap.legend')}</span>
      <span className="heat-legend-scale">
        <span className="heat-legend-end">{percent(0, language)}</span>
        <span
          className="heat-legend-bar"
          role="img"
          aria-label={t('heatmap.legendScale')}
          style={{
            background: `linear-gradient(to right, ${stops.map((s) => heatColor(s, palette.scale)).join(', ')})`,
          }}
        />
        <span className="heat-legend-end">{percent(1, language)}</span>
      </span>
      <span className="heat-legend-none">
        <span className="heat-legend-swatch" style={{ background: palette.noData }} aria-hidden="true" />
        {t('heatmap.noData')}
      </span>
      <span className="heat-legend-none">
        <span className="heat-legend-swatch heat-hidden" aria-hidden="true" />
        {t('heatmap.hiddenLegend', { k: minimumGroup })}
      </span>
    </div>
  );
}
