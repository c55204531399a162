import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A chart with its numbers as a table. The table is always in the accessibility tree (screen readers get the
 * numbers, not the drawing); it is shown on screen when the user asks, or while focus is inside it.
 */
export function ChartFigure({
  caption,
  chart,
  table,
  legend,
  testId,
  toggleTestId,
}: {
  caption: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  legend?: ReactNode;
  testId?: string;
  toggleTestId?: string;
}) {
  const { t } = useTranslation('insights');
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <figure className="chart-figure" data-testid={testId}>
      <figcaption className="chart-caption">{caption}</figcaption>
      {chart}
      {legend}
      <button
        type="button"
        className="button button-quiet chart-table-toggle"
        aria-expanded={shown}
        aria-controls={`${id}-table`}
        data-testid={toggleTestId}
        onClick={() => setShown((s) => !s)}
      >
        {shown ? t('chart.hideTable') : t('chart.showTable')}
      </button>
      <div id={`${id}-table`} className={shown ? 'chart-table' : 'chart-table chart-table-hidden'}>
        {table}
      </div>
    </figure>
  );
}
