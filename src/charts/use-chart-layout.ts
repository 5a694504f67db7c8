import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ChartLayout } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { createValueStore } from '../api/store';
import { useCurrentConnection } from '../connections/connection-queries';
import { chartsStore } from './charts-store';
import { ChartLayoutSync, type LayoutReport } from './layout-sync';

const api = {
  get: (profileId: string) => call('charts.layout.get', { profileId }),
  save: (profileId: string, layout: ChartLayout) => call('charts.layout.save', { profileId, layout }),
};

const reportStore = createValueStore<LayoutReport>({ problem: null, setAsidePath: null });

/**
 * The open charts follow the current connection's profile (see ChartLayoutSync). Mounted
 * once with the push feeds, not with the Charts view: that view loads when first shown, and
 * a chart opened before then ("Chart this" elsewhere) must not be replaced by the profile's
 * layout loading late.
 */
export function useChartLayoutFeed(): void {
  const { status } = useCurrentConnection();
  const profileId = status?.profileId;
  const [sync] = useState(() => new ChartLayoutSync(chartsStore, api, reportStore.set, errorText));
  useEffect(() => sync.start(), [sync]);
  useEffect(() => {
    void sync.follow(profileId);
  }, [sync, profileId]);
}

/** Whether the layout could be read and kept, for the Charts view to say. */
export function useChartLayoutReport(): LayoutReport {
  return useSyncExternalStore(reportStore.subscribe, reportStore.getSnapshot);
}
