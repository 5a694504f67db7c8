import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentConnection } from '../connections/connection-queries';
import { ChartCard } from './ChartCard';
import { chartsStore } from './charts-store';
import './charts.css';

/** Every open chart, side by side; nothing at all while none is open. */
export function ChartsArea() {
  const { t } = useTranslation();
  const charts = useSyncExternalStore(chartsStore.subscribe, chartsStore.getSnapshot);
  const { connectionId } = useCurrentConnection();
  if (charts.length === 0 || !connectionId) return null;
  return (
    <section className="charts-area" aria-label={t('charts.title')}>
      {charts.map((chart) => (
        <ChartCard key={`${connectionId}-${chart.id}`} chart={chart} connectionId={connectionId} />
      ))}
    </section>
  );
}
