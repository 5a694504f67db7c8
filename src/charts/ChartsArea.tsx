import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentConnection } from '../connections/connection-queries';
import { ChartCard } from './ChartCard';
import { chartsStore } from './charts-store';
import { useChartLayoutReport } from './use-chart-layout';
import './charts.css';

/**
 * Every open chart, one under the other, in the order the profile keeps. The layout follows
 * the current connection's profile from the push feeds (use-chart-layout.ts), so it is right
 * before this view is first shown.
 */
export function ChartsArea() {
  const { t } = useTranslation();
  const charts = useSyncExternalStore(chartsStore.subscribe, chartsStore.getSnapshot);
  const { connectionId } = useCurrentConnection();
  const sync = useChartLayoutReport();
  const notes = (
    <>
      {sync.setAsidePath && (
        <p className="notice charts-note" role="note">
          {t('charts.layoutSetAside', { path: sync.setAsidePath })}
        </p>
      )}
      {sync.problem && (
        <p className="field-problem charts-note" role="alert">
          {t('charts.layoutNotKept', { reason: sync.problem })}
        </p>
      )}
    </>
  );
  if (charts.length === 0 || !connectionId) {
    return (
      <section className="charts-area" aria-label={t('charts.title')}>
        {notes}
        <p className="muted charts-note">{t('charts.empty')}</p>
      </section>
    );
  }
  return (
    <section className="charts-area" aria-label={t('charts.title')}>
      {notes}
      {charts.map((chart, i) => (
        <ChartCard
          key={`${connectionId}-${chart.id}`}
          chart={chart}
          connectionId={connectionId}
          first={i === 0}
          last={i === charts.length - 1}
        />
      ))}
    </section>
  );
}
