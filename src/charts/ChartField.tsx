import { ChartLine } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ChartSeries } from '../../electron/contract';
import { useWorkbench } from '../workbench/workbench-state';
import { chartThis, chartsStore } from './charts-store';

/**
 * The chart button beside a number in the JSON tree: a new chart of that field (by its JSON
 * path) on this topic, or, with Shift, the field added to the last chart.
 */
function ChartField({
  topic,
  path,
  transform,
}: {
  topic: string;
  path: string;
  transform: ChartSeries['transform'];
}) {
  const { t } = useTranslation();
  const { show } = useWorkbench();
  return (
    <button
      type="button"
      className="json-chart"
      aria-label={t('charts.chartField', { path })}
      title={t('charts.chartFieldTitle', { path })}
      onClick={(event) => {
        const last = chartsStore.getSnapshot().at(-1);
        chartThis({ topic, path, ...(transform && { transform }) }, event.shiftKey ? last?.id : undefined);
        show('charts');
      }}
    >
      <ChartLine size={12} aria-hidden="true" />
    </button>
  );
}

/**
 * The JSON tree's leaf action for a message on `topic` (or for a transform's result on it):
 * a chart button on every number.
 */
export function chartLeaf(topic: string, transform?: ChartSeries['transform']) {
  return function leaf(path: string, value: unknown) {
    return typeof value === 'number' && path !== '' ? (
      <ChartField topic={topic} path={path} transform={transform} />
    ) : null;
  };
}
