import type { ChartLayout, ChartSeries, ChartWindow } from '../../electron/contract';
import { createValueStore } from '../api/store';

/** One line of a chart: a topic's payloads (or a transform's results) as numbers, or one JSON field of them. */
export type SeriesSpec = ChartSeries;

export interface ChartSpec {
  id: number;
  series: SeriesSpec[];
  window: ChartWindow;
}

/** The charts open now, in order. */
export const chartsStore = createValueStore<readonly ChartSpec[]>([]);

let nextId = 1;

export function seriesLabel(spec: SeriesSpec): string {
  const script = spec.transform && `ƒ ${spec.transform.name ?? spec.transform.scriptId}`;
  const field = [script, spec.decoded?.metric, spec.path].filter(Boolean).join(' · ');
  return field ? `${spec.topic} · ${field}` : spec.topic;
}

/** Opens a new chart with this series, or adds it to chart `into` (once). */
export function chartThis(spec: SeriesSpec, into?: number): void {
  const charts = chartsStore.getSnapshot();
  const target = into === undefined ? undefined : charts.find((c) => c.id === into);
  if (!target) {
    chartsStore.set([...charts, { id: nextId++, series: [spec], window: 'all' }]);
    return;
  }
  if (target.series.some((s) => seriesLabel(s) === seriesLabel(spec))) return;
  chartsStore.set(charts.map((c) => (c === target ? { ...c, series: [...c.series, spec] } : c)));
}

export function closeChart(id: number): void {
  chartsStore.set(chartsStore.getSnapshot().filter((c) => c.id !== id));
}

export function setChartWindow(id: number, window: ChartWindow): void {
  chartsStore.set(chartsStore.getSnapshot().map((c) => (c.id === id ? { ...c, window } : c)));
}

/** Moves a chart one place up (-1) or down (+1) in the area. */
export function moveChart(id: number, by: -1 | 1): void {
  const charts = [...chartsStore.getSnapshot()];
  const at = charts.findIndex((c) => c.id === id);
  const to = at + by;
  const moving = charts[at];
  const other = charts[to];
  if (at === -1 || !moving || !other) return;
  charts[to] = moving;
  charts[at] = other;
  chartsStore.set(charts);
}

/** What a profile keeps: the charts without their page-local ids. */
export function layoutOf(charts: readonly ChartSpec[]): ChartLayout {
  return {
    charts: charts.map((c) => ({
      series: c.series.map((s) => ({
        topic: s.topic,
        ...(s.path !== undefined && { path: s.path }),
        ...(s.decoded && { decoded: s.decoded }),
        ...(s.transform && { transform: s.transform }),
      })),
      window: c.window,
    })),
  };
}

/** A kept layout as open charts, with fresh ids. */
export function chartsOf(layout: ChartLayout | null): ChartSpec[] {
  return (layout?.charts ?? []).map((c) => ({ id: nextId++, series: c.series, window: c.window }));
}
