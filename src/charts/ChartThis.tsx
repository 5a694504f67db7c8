import { useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { numberFrom, parseJsonPath, pickJsonPath, type ChartSeries } from '../../electron/contract';
import { useWorkbench } from '../workbench/workbench-state';
import { chartsStore, chartThis } from './charts-store';
import { firstNumericPath } from './series-math';

/**
 * "Chart this" for a numeric payload, or for a numeric field of a JSON one (by its path), or
 * for a transform's result (a number, or a numeric field of it).
 */
export function ChartThis({
  topic,
  text,
  json,
  decoded,
  transform,
  filter,
}: {
  topic: string;
  text: string;
  json: unknown;
  /** `json` is the payload decoded by a codec: the engine reads the path inside its decode. */
  decoded?: { profileId?: string };
  /** `json` is this saved transform's result: the engine runs it over the topic's messages. */
  transform?: ChartSeries['transform'];
  /** A topic filter the value can also be charted over, as one line (a transform's pattern). */
  filter?: string | undefined;
}) {
  const { t } = useTranslation();
  const charts = useSyncExternalStore(chartsStore.subscribe, chartsStore.getSnapshot);
  const { show } = useWorkbench();
  // The chart appears in the Charts area, so that is what the side area shows next.
  const chart = (into?: number, over = topic) => {
    chartThis({ ...spec, topic: over }, into);
    show('charts');
  };
  // Read from a value (a decode or a transform's result) rather than the payload text.
  const fromValue = decoded !== undefined || transform !== undefined;
  const plainNumber = useMemo(
    () => (transform ? Number.isFinite(json) : !decoded && numberFrom(text, null) !== null),
    [text, json, decoded, transform],
  );
  const [path, setPath] = useState(() => (json === undefined ? '' : (firstNumericPath(json) ?? '')));
  const pathId = useId();
  const steps = path === '' ? null : parseJsonPath(path);
  const usable =
    plainNumber ||
    (json !== undefined &&
      steps !== null &&
      (fromValue ? Number.isFinite(pickJsonPath(json, steps)) : numberFrom(text, steps) !== null));
  if (!plainNumber && json === undefined) return null;
  // A transform's result with no number anywhere has nothing to chart.
  if (transform && !plainNumber && firstNumericPath(json) === null) return null;
  const spec = plainNumber
    ? { topic, ...(transform && { transform }) }
    : { topic, path, ...(decoded && { decoded }), ...(transform && { transform }) };
  const last = charts[charts.length - 1];
  return (
    <>
      {!plainNumber && (
        <>
          <label htmlFor={pathId} className="sr-only">
            {t('charts.path')}
          </label>
          <input
            id={pathId}
            className="mono chart-path"
            value={path}
            placeholder={t('charts.pathPlaceholder')}
            spellCheck={false}
            onChange={(e) => setPath(e.target.value)}
          />
        </>
      )}
      <button type="button" className="button-small" disabled={!usable} onClick={() => chart()}>
        {t('charts.chartThis')}
      </button>
      {last && (
        <button type="button" className="button-small" disabled={!usable} onClick={() => chart(last.id)}>
          {t('charts.addToChart')}
        </button>
      )}
      {filter !== undefined && filter !== topic && (
        <button
          type="button"
          className="button-small"
          disabled={!usable}
          title={t('charts.chartFilterTitle', { filter })}
          onClick={() => chart(undefined, filter)}
        >
          {t('charts.chartFilter', { filter })}
        </button>
      )}
    </>
  );
}
