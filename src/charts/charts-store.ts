import { createValueStore } from '../api/store';

/** One line of a chart: a topic's payloads as numbers, or one JSON field of them. */
export interface SeriesSpec {
  topic: string;
  /** A JSON path ("a.b[0]"); absent: the payload itself is the number. */
  path?: string;
  /** Read the decoded payload (a codec applies): `metric` picks a Sparkplug metric by name. */
  decoded?: { metric?: string; profileId?: string };
}

export interface ChartSpec {
  id: number;
  series: SeriesSpec[];
}

/** The charts open now, in order. */
export const chartsStore = createValueStore<readonly ChartSpec[]>([]);

let nextId = 1;

export function seriesLabel(spec: SeriesSpec): string {
  const field = [spec.decoded?.metric, spec.path].filter(Boolean).join(' · ');
  return field ? `${spec.topic} · ${field}` : spec.topic;
}

/** Opens a new chart with this series, or adds it to chart `into` (once). */
export function chartThis(spec: SeriesSpec, into?: number): void {
  const charts = chartsStore.getSnapshot();
  const target = into === undefined ? undefined : charts.find((c) => c.id === into);
  if (!target) {
    chartsStore.set([...charts, { id: nextId++, series: [spec] }]);
    return;
  }
  if (target.series.some((s) => seriesLabel(s) === seriesLabel(spec))) return;
  chartsStore.set(charts.map((c) => (c === target ? { ...c, series: [...c.series, spec] } : c)));
}

export function closeChart(id: number): void {
  chartsStore.set(chartsStore.getSnapshot().filter((c) => c.id !== id));
}
