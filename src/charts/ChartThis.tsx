import { useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { numberFrom, parseJsonPath, pickJsonPath } from '../../electron/contract';
import { useWorkbench } from '../workbench/workbench-state';
import { chartsStore, chartThis } from './charts-store';
import { firstNumericPath } from './series-math';

/** "Chart this" for a numeric payload, or for a numeric field of a JSON one (by its path). */
export function ChartThis({
  topic,
  text,
  json,
  decoded,
}: {
  topic: string;
  text: string;
  json: unknown;
  /** `json` is the payload decoded by a codec: the engine reads the path inside its decode. */
  decoded?: { profileId?: string };
}) {
  const { t } = useTranslation();
  const charts = useSyncExternalStore(chartsStore.subscribe, chartsStore.getSnapshot);
  const { show } = useWorkbench();
  // The chart appears in the Charts area, so that is what the side area shows next.
  const chart = (into?: number) => {
    chartThis(spec, into);
    show('charts');
  };
  const plainNumber = useMemo(() => !decoded && numberFrom(text, null) !== null, [text, decoded]);
  const [path, setPath] = useState(() => (json === undefined ? '' : (firstNumericPath(json) ?? '')));
  const pathId = useId();
  const steps = path === '' ? null : parseJsonPath(path);
  const usable =
    plainNumber ||
    (json !== undefined &&
      steps !== null &&
      (decoded ? Number.isFinite(pickJsonPath(json, steps)) : numberFrom(text, steps) !== null));
  if (!plainNumber && json === undefined) return null;
  const spec = plainNumber ? { topic } : { topic, path, ...(decoded && { decoded }) };
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
    </>
  );
}
