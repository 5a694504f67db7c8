import { useEffect, useState } from 'react';
import type { ChartLayout } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { chartsStore } from './charts-store';
import { ChartLayoutSync, type LayoutReport } from './layout-sync';

const api = {
  get: (profileId: string) => call('charts.layout.get', { profileId }),
  save: (profileId: string, layout: ChartLayout) => call('charts.layout.save', { profileId, layout }),
};

/** The open charts follow the current connection's profile (see ChartLayoutSync). */
export function useChartLayout(profileId: string | undefined): LayoutReport {
  const [report, setReport] = useState<LayoutReport>({ problem: null, setAsidePath: null });
  const [sync] = useState(() => new ChartLayoutSync(chartsStore, api, setReport, errorText));
  useEffect(() => sync.start(), [sync]);
  useEffect(() => {
    void sync.follow(profileId);
  }, [sync, profileId]);
  return report;
}
