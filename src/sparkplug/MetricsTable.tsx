import { useTranslation } from 'react-i18next';
import type { SparkplugMetric } from '../../electron/contract';
import { chartThis } from '../charts/charts-store';
import { useWorkbench } from '../workbench/workbench-state';

const valueText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * One node's or device's metrics: as the birth named them and the latest DATA set them. A
 * numeric metric charts from the DATA topic, the engine picking it by name in each decoded
 * payload (names from the birth when DATA carries aliases only).
 */
export function MetricsTable({
  metrics,
  dataTopic,
  profileId,
}: {
  metrics: readonly SparkplugMetric[];
  dataTopic: string;
  profileId: string | null;
}) {
  const { t } = useTranslation();
  const { show } = useWorkbench();
  if (metrics.length === 0) return <p className="muted">{t('sparkplug.metrics.none')}</p>;
  return (
    <table className="sparkplug-metrics">
      <caption>{t('sparkplug.metrics.title', { count: metrics.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('sparkplug.metrics.name')}</th>
          <th scope="col">{t('sparkplug.metrics.value')}</th>
          <th scope="col">{t('sparkplug.metrics.datatype')}</th>
          <th scope="col">{t('sparkplug.metrics.alias')}</th>
          <th scope="col">{t('sparkplug.metrics.timestamp')}</th>
          <th scope="col">{t('sparkplug.metrics.quality')}</th>
          <th scope="col">{t('sparkplug.metrics.properties')}</th>
          <th scope="col">
            <span className="sr-only">{t('sparkplug.metrics.chart')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {metrics.map((m) => {
          const label = m.name ?? t('sparkplug.metrics.unnamed', { alias: m.alias ?? '?' });
          const numeric = typeof m.value === 'number' || typeof m.value === 'boolean';
          const name = m.name;
          return (
            <tr key={`${m.name ?? ''}\u0000${m.alias ?? ''}`}>
              <th scope="row" className="mono">
                {label}
              </th>
              <td className="mono sparkplug-value">{valueText(m.value)}</td>
              <td>{m.datatype ?? ''}</td>
              <td className="mono">{m.alias ?? ''}</td>
              <td className="mono">{m.timestamp ?? ''}</td>
              <td className="mono">{m.quality === undefined ? '' : valueText(m.quality)}</td>
              <td className="mono">{m.properties ? valueText(m.properties) : ''}</td>
              <td>
                {numeric && name !== undefined && (
                  <button
                    type="button"
                    className="button-small"
                    aria-label={t('sparkplug.metrics.chartLabel', { name })}
                    onClick={() => {
                      chartThis({
                        topic: dataTopic,
                        decoded: { metric: name, ...(profileId ? { profileId } : {}) },
                      });
                      show('charts');
                    }}
                  >
                    {t('sparkplug.metrics.chart')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
