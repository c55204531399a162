import { useEffect, useRef, useState } from 'react';
import type { EChartsType } from 'echarts/core';
import type { ChartOption } from './echarts';

export interface ChartClick {
  seriesIndex: number | undefined;
  dataIndex: number;
}

interface Props {
  option: ChartOption;
  /** Height in CSS pixels; the width follows the container. */
  height: number;
  onItemClick?(item: ChartClick): void;
  className?: string;
  testId?: string;
}

/**
 * A thin ECharts wrapper: loads ECharts on first use, inits on a ref, sets the option whenever it changes,
 * follows the container's size and disposes on unmount. The drawing is decorative for assistive technology
 * (`aria-hidden`); every chart on a page sits next to a table with the same numbers.
 */
export function EChart({ option, height, onItemClick, className, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const [failed, setFailed] = useState(false);
  const clickRef = useRef(onItemClick);
  useEffect(() => {
    clickRef.current = onItemClick;
  });

  useEffect(() => {
    let disposed = false;
    let instance: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    import('./echarts').then(
      ({ init }) => {
        const element = ref.current;
        if (disposed || !element) return;
        instance = init(element, undefined, { renderer: 'svg' });
        instance.on('click', (params) => {
          clickRef.current?.({ seriesIndex: params.seriesIndex, dataIndex: params.dataIndex });
        });
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() => instance?.resize());
          observer.observe(element);
        }
        setChart(instance);
      },
      () => {
        if (!disposed) setFailed(true);
      },
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
    };
  }, []);

  useEffect(() => {
    chart?.setOption(option, { notMerge: true });
  }, [chart, option]);

  if (failed) return null;
  return (
    <div
      ref={ref}
      className={`chart${className ? ` ${className}` : ''}`}
      style={{ height }}
      aria-hidden="true"
      data-testid={testId}
      data-ready={chart ? 'true' : 'false'}
    />
  );
}
