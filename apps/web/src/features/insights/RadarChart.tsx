import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { cssToken, type TokenName } from '../../lib/tokens';
import { ChartFigure } from './ChartFigure';
import { chartColors } from './colors';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { percent } from './format';

export interface RadarSeries {
  name: string;
  /** 0..1 per category, in the order of `categories`; null when it does not apply. */
  values: (number | null)[];
  /** The design token of the series' colour. */
  color: TokenName;
  dashed?: boolean;
}

/** Per-category rates as a radar, with the same numbers as a table. */
export function RadarChart({
  caption,
  categories,
  series,
  height = 320,
}: {
  caption: ReactNode;
  categories: string[];
  series: RadarSeries[];
  height?: number;
}) {
  const { t, i18n } = useTranslation('insights');
  const language = i18n.resolvedLanguage;

  const option = useMemo((): ChartOption => {
    const colors = chartColors();
    return {
      animation: false,
      legend: { bottom: 0, textStyle: { color: colors.text } },
      tooltip: { trigger: 'item', confine: true },
      radar: {
        radius: '52%',
        center: ['50%', '48%'],
        indicator: categories.map((name) => ({ name, max: 1, min: 0 })),
        axisName: { color: colors.text, width: 72, overflow: 'break', lineHeight: 14 },
        splitArea: { areaStyle: { color: [colors.band, colors.bandAlt] } },
      },
      series: [
        {
          type: 'radar',
          data: series.map((s) => {
            const color = cssToken(s.color);
            return {
              name: s.name,
              value: s.values.map((v) => v ?? 0),
              itemStyle: { color },
              lineStyle: { color, width: 2, type: s.dashed ? 'dashed' : 'solid' },
              areaStyle: s.dashed ? undefined : { color, opacity: 0.15 },
              symbol: s.dashed ? 'rect' : 'circle',
            };
          }),
          tooltip: {
            valueFormatter: (value) => percent(typeof value === 'number' ? value : null, language),
          },
        },
      ],
    };
  }, [categories, series, language]);

  return (
    <ChartFigure
      caption={caption}
      chart={<EChart option={option} height={height} className="radar-chart" />}
      table={
        <table className="data-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('radar.category')}</th>
              {series.map((s) => (
                <th scope="col" key={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((name, index) => (
              <tr key={`${index}-${name}`}>
                <th scope="row">{name}</th>
                {series.map((s) => (
                  <td key={s.name} className="cell-number">
                    {percent(s.values[index], language)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
