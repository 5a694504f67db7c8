/**
 * Issue 13 (Workspace #1): the open charts follow the current connection's profile; every
 * change is saved, in order, to that profile and never to another one.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChartLayout, ChartLayoutState } from '../../electron/contract';
import { chartThis, chartsStore, closeChart, layoutOf } from '../../src/charts/charts-store';
import { ChartLayoutSync, type LayoutReport } from '../../src/charts/layout-sync';

/** The host's side, in memory: what each profile has kept, and every save in order. */
function host(initial: Record<string, ChartLayout> = {}) {
  const kept = new Map<string, ChartLayout>(Object.entries(initial));
  const saves: [string, ChartLayout][] = [];
  const pending: (() => void)[] = [];
  let hold = false;
  return {
    kept,
    saves,
    holdGets(on: boolean) {
      hold = on;
      if (!on) for (const release of pending.splice(0)) release();
    },
    api: {
      get: (profileId: string): Promise<ChartLayoutState> => {
        const answer = () => ({ layout: kept.get(profileId) ?? null, setAsidePath: null });
        if (!hold) return Promise.resolve(answer());
        return new Promise((resolve) => pending.push(() => resolve(answer())));
      },
      save: async (profileId: string, layout: ChartLayout) => {
        if (profileId === 'refuses') throw new Error('disk full');
        saves.push([profileId, layout]);
        kept.set(profileId, layout);
      },
    },
  };
}

const one = (topic: string): ChartLayout => ({ charts: [{ series: [{ topic }], window: 'all' }] });

describe('chart layout sync', () => {
  let reports: LayoutReport[];
  beforeEach(() => {
    chartsStore.set([]);
    reports = [];
  });
  const make = (h: ReturnType<typeof host>) => {
    const sync = new ChartLayoutSync(
      chartsStore,
      h.api,
      (r) => reports.push(r),
      (e) => String(e),
    );
    const stop = sync.start();
    return { sync, stop };
  };

  // Workspace #1: a profile's charts come back, changes go to that profile only.
  it('loads each profile its own charts and saves changes to the profile shown', async () => {
    const h = host({ A: one('a/1') });
    const { sync, stop } = make(h);
    await sync.follow('A');
    expect(layoutOf(chartsStore.getSnapshot())).toEqual(one('a/1'));
    expect(h.saves).toEqual([]);
    chartThis({ topic: 'a/2', path: 't' });
    await sync.settled();
    expect(h.kept.get('A')?.charts).toHaveLength(2);

    await sync.follow('B');
    expect(chartsStore.getSnapshot()).toEqual([]);
    chartThis({ topic: 'b/1' });
    await sync.settled();
    expect(h.kept.get('B')).toEqual(one('b/1'));
    expect(h.kept.get('A')?.charts).toHaveLength(2);

    // A connection without a profile: the page's own charts, A's and B's left as they are.
    await sync.follow(undefined);
    expect(chartsStore.getSnapshot()).toEqual([]);
    chartThis({ topic: 'adhoc' });
    await sync.settled();
    expect(h.saves.map(([id]) => id)).toEqual(['A', 'B']);
    expect(h.kept.get('B')).toEqual(one('b/1'));
    await sync.follow(undefined);
    expect(chartsStore.getSnapshot()).toHaveLength(1);
    stop();
  });

  // Workspace #1: a chart opened while the layout loads is not lost, and is kept.
  it('keeps a chart opened while the profile’s layout was loading', async () => {
    const h = host({ A: one('kept') });
    const { sync, stop } = make(h);
    h.holdGets(true);
    const loading = sync.follow('A');
    chartThis({ topic: 'early' });
    await sync.settled();
    expect(h.saves).toEqual([]);
    h.holdGets(false);
    await loading;
    await sync.settled();
    expect(h.kept.get('A')?.charts.map((c) => c.series[0]?.topic)).toEqual(['kept', 'early']);
    stop();
  });

  // Workspace #1: a profile switched away from while loading never receives the next one's charts.
  it('drops a load that finishes after another profile became current', async () => {
    const h = host({ A: one('a'), B: one('b') });
    const { sync, stop } = make(h);
    h.holdGets(true);
    const slowA = sync.follow('A');
    h.holdGets(false);
    await sync.follow('B');
    await slowA;
    expect(layoutOf(chartsStore.getSnapshot())).toEqual(one('b'));
    closeChart(chartsStore.getSnapshot()[0]?.id ?? 0);
    await sync.settled();
    expect(h.kept.get('B')).toEqual({ charts: [] });
    expect(h.kept.get('A')).toEqual(one('a'));
    stop();
  });

  it('says when a save fails, and the charts stay open', async () => {
    const h = host();
    const { sync, stop } = make(h);
    await sync.follow('refuses');
    chartThis({ topic: 'x' });
    await sync.settled();
    expect(reports.at(-1)?.problem).toMatch(/disk full/);
    expect(chartsStore.getSnapshot()).toHaveLength(1);
    stop();
  });
});
