/** Pure helpers for the chart cards, unit-tested without a page. */
import { numberFrom } from '../../electron/contract';

export interface SeriesData {
  t: number[];
  v: (number | null)[];
}

export interface SeriesStats {
  count: number;
  min: number | null;
  max: number | null;
  last: number | null;
  avg: number | null;
}

/** Min, max, last and mean of the values at or after `from` (gaps left out). */
export function seriesStats(data: SeriesData, from: number): SeriesStats {
  let count = 0;
  let sum = 0;
  let min: number | null = null;
  let max: number | null = null;
  let last: number | null = null;
  for (let i = 0; i < data.t.length; i++) {
    const v = data.v[i];
    if ((data.t[i] ?? 0) < from || v === null || v === undefined) continue;
    count++;
    sum += v;
    min = min === null ? v : Math.min(min, v);
    max = max === null ? v : Math.max(max, v);
    last = v;
  }
  return { count, min, max, last, avg: count === 0 ? null : sum / count };
}

/**
 * Rows for a table of several series: by time, one row per distinct time, and a new row
 * whenever a series already has a value in the current one (a burst in one millisecond
 * keeps every message).
 */
export function mergeRows(
  series: readonly SeriesData[],
  from: number,
): { t: number[]; cols: (number | null)[][] } {
  const points: { t: number; k: number; v: number | null }[] = [];
  series.forEach((s, k) => s.t.forEach((t, i) => t >= from && points.push({ t, k, v: s.v[i] ?? null })));
  // Stable: within a series, arrival order stays.
  points.sort((a, b) => a.t - b.t);
  const t: number[] = [];
  const cols = series.map(() => [] as (number | null)[]);
  const filled = new Set<number>();
  for (const p of points) {
    if (t.length === 0 || t[t.length - 1] !== p.t || filled.has(p.k)) {
      t.push(p.t);
      for (const col of cols) col.push(null);
      filled.clear();
    }
    const col = cols[p.k];
    if (col) col[col.length - 1] = p.v;
    filled.add(p.k);
  }
  return { t, cols };
}

/** One CSV: a time column (ISO 8601) and one column per series, empty where it has no value. */
export function seriesCsv(labels: readonly string[], series: readonly SeriesData[]): string {
  const { t, cols } = mergeRows(series, 0);
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const lines = [['time', ...labels].map(quote).join(',')];
  t.forEach((time, i) => {
    const values = cols.map((col) => col[i] ?? null);
    lines.push([new Date(time).toISOString(), ...values.map((v) => (v === null ? '' : String(v)))].join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** uPlot's aligned table: x in seconds, strictly increasing (ties moved a microsecond on). */
export function alignSeries(series: readonly SeriesData[], from: number): [number[], ...(number | null)[][]] {
  const { t, cols } = mergeRows(series, from);
  const x: number[] = [];
  for (const time of t) {
    const previous = x[x.length - 1];
    const seconds = time / 1000;
    x.push(previous !== undefined && seconds <= previous ? previous + 1e-6 : seconds);
  }
  return [x, ...cols];
}

/** A JSON path one step further: `a` + `b` is `a.b`, an index is `[2]`, an odd key `["a.b"]`. */
export function childPath(path: string, step: string | number): string {
  if (typeof step === 'number') return `${path}[${step}]`;
  return /^[^.[\]"]+$/.test(step)
    ? `${path}${path === '' ? '' : '.'}${step}`
    : `${path}[${JSON.stringify(step)}]`;
}

/** The path of the first numeric field in a JSON value (depth first), or null. */
export function firstNumericPath(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNumericPath(value[i], childPath(path, i));
      if (found !== null) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = firstNumericPath(child, childPath(path, key));
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * What "Chart this" on a topic draws, from its last payload: the payload itself when it is a
 * number, else the first numeric field of its JSON; null when there is no number to draw.
 */
export function seriesForPayload(topic: string, text: string): { topic: string; path?: string } | null {
  if (numberFrom(text, null) !== null) return { topic };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const path = firstNumericPath(value);
  return path === null || path === '' ? null : { topic, path };
}
