/**
 * Chart layouts per profile (issue 13: the profile is the workspace), in the data folder
 * with the one history store: one entry per profile, the latest layout. Keys are profile
 * ids (user data), held in the store's Map; a file that does not parse is set aside.
 */
import { ChartLayoutSchema, ProfileIdSchema, type ChartLayout, type RequestHandlers } from '../../contract';
import { EngineError } from '../errors';
import { text } from '../text/keys';
import { HistoryStore } from '../history';
import type { HistoryKind } from '../history/history-file';

export const CHART_LAYOUTS: HistoryKind<ChartLayout> = {
  fileName: 'chart-layouts.json',
  keyField: 'profiles',
  keySchema: ProfileIdSchema,
  entrySchema: ChartLayoutSchema,
  // Only the current layout is worth keeping.
  limit: 1,
  label: 'history.kind.chartLayouts',
};

type ChartHandlers = Pick<RequestHandlers, 'charts.layout.get' | 'charts.layout.save'>;

/** The `charts.layout.*` requests; without a data folder the page keeps its charts itself. */
export function chartLayoutHandlers(dataDir: string | undefined): ChartHandlers {
  if (!dataDir) {
    const refuse = async (): Promise<never> => {
      throw new EngineError('internal', text('charts.noDataDir'));
    };
    return { 'charts.layout.get': refuse, 'charts.layout.save': refuse };
  }
  const store = new HistoryStore<ChartLayout>({ dataDir, kind: CHART_LAYOUTS });
  return {
    'charts.layout.get': async ({ profileId }) => {
      const [layout] = await store.list(profileId);
      return { layout: layout ?? null, setAsidePath: await store.setAsideFile() };
    },
    'charts.layout.save': async ({ profileId, layout }) => {
      await store.append(profileId, layout);
      return { charts: layout.charts.length };
    },
  };
}
