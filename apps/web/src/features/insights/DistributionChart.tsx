import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { cssToken } from '../../lib/tokens';
import { ChartFigure } from './ChartFigure';
import { chartColors } from './colors';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { levelLabel } from './format';
import type { DistributionTier, HeatmapCatalogue } from './types';

/** Claimed in light blue, confirmed in dark navy: told apart by lightness, never by hue alone. */
export const CLAIMED_TOKEN = '--series-claimed';
export const CONFIRMED_TOKEN = '--series-confirmed';

/** One tier's ★ distribution: suppliers per level, claimed and confirmed side by side, with their counts. */
export function DistributionChart({
  tier,
  catalogue,
  minimumGroup,
}: {
  tier: DistributionTier;
  catalogue: HeatmapCatalogue | null;
  minimumGroup: number;
}) {
  const { t, i18n } = useTranslation('insights');
  const language = i18n.resolvedLanguage;
  const label = (level: number | null) =>
    level === null
      ? t('distribution.noLevel')
      : (levelLabel(catalogue, level, language) ?? t('common.levelRank', { rank: level }));
  const levels = tier.levels;

  const option = useMemo((): ChartOption => {
    const colors = chartColors();
    const names = levels.map((l) =>
      l.level === null
        ? t('distribution.noLevel')
        : (levelLabel(catalogue, l.level, language) ?? t('common.levelRank', { rank: l.level })),
    );
    const bar = (name: string, color: string, values: number[]) => ({
      type: 'bar' as const,
      name,
      data: values,
      itemStyle: { color },
      barMaxWidth: 36,
      label: { show: true, position: 'top' as const, color: colors.text, fontWeight: 'bold' as const },
    });
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, textStyle: { color: colors.text } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      xAxis: {
        type: 'category',
        data: names,
        axisLabel: { color: colors.text, interval: 0, width: 80, overflow: 'break' },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: colors.muted } },
      series: [
        bar(
          t('distribution.claimed'),
          cssToken(CLAIMED_TOKEN),
          levels.map((l) => l.claimed),
        ),
        bar(
          t('distribution.confirmed'),
          cssToken(CONFIRMED_TOKEN),
          levels.map((l) => l.confirmed),
        ),
      ],
    };
  }, [levels, catalogue, language, t]);

  if (tier.hidden) {
    return (
      <figure className="chart-figure" data-testid={`distribution-hidden-${tier.tier}`}>
        <figcaption>{t('distribution.caption', { tier: tier.tier })}</figcaption>
        <p className="empty">{t('distribution.hidden', { k: minimumGroup })}</p>
      </figure>
    );
  }

  return (
    <ChartFigure
      caption={t('distribution.caption', { tier: tier.tier })}
      chart={<EChart option={option} height={240} />}
      table={
        <table className="data-table">
          <caption className="visually-hidden">{t('distribution.caption', { tier: tier.tier })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('distribution.level')}</th>
              <th scope="col">{t('distribution.claimed')}</th>
              <th scope="col">{t('distribution.confirmed')}</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l.level ?? 'none'}>
                <th scope="row">{label(l.level)}</th>
                <td className="cell-number">{l.claimed}</td>
                <td className="cell-number">{l.confirmed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
