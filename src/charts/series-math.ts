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

function nonDecreasing(t: readonly number[]): boolean {
  for (let i = 1; i < t.length; i++) if ((t[i] ?? 0) < (t[i - 1] ?? 0)) return false;
  return true;
}

/** The first index whose time is at or after `from`, in a non-decreasing list. */
function firstFrom(t: readonly number[], from: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] ?? 0) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A cell of a chart table: a value, a gap (the payload had no number), or a hole (no message). */
export type Cell = number | null | undefined;

/**
 * Rows for a table of several series: by time, one row per distinct time, and a new row
 * whenever a series already has a value in the current one (a burst in one millisecond
 * keeps every message). A series without a message in a row holds `hole` there: the CSV
 * leaves it empty; uPlot (`undefined`) draws the line across it, as it does not across a gap.
 */
export function mergeRows(
  series: readonly SeriesData[],
  from: number,
): { t: number[]; cols: (number | null)[][] };
export function mergeRows(
  series: readonly SeriesData[],
  from: number,
  hole: undefined,
): { t: number[]; cols: Cell[][] };
export function mergeRows(
  series: readonly SeriesData[],
  from: number,
  ...rest: [] | [undefined]
): { t: number[]; cols: Cell[][] } {
  const hole = rest.length === 0 ? null : undefined;
  const t: number[] = [];
  const cols = series.map(() => [] as Cell[]);
  // The row each series last put a value in (a Set cleared per row cost more at 20,000 msg/s).
  const filled = series.map(() => -1);
  const take = (time: number, k: number, v: number | null) => {
    if (t.length === 0 || t[t.length - 1] !== time || filled[k] === t.length - 1) {
      t.push(time);
      for (const col of cols) col.push(hole);
    }
    const col = cols[k];
    if (col) col[col.length - 1] = v;
    filled[k] = t.length - 1;
  };
  const only = series.length === 1 ? series[0] : undefined;
  if (only && nonDecreasing(only.t)) {
    // One series: each point is a row of its own (a 100,000-point chart opens without a merge).
    const at = firstFrom(only.t, from);
    return { t: only.t.slice(at), cols: [only.v.slice(at)] };
  }
  if (series.every((s) => nonDecreasing(s.t))) {
    // Arrival order is time order (the usual case): a merge of the series, without a copy of
    // every point and a sort each time the chart refreshes. Ties go to the lower series, as
    // the stable sort below orders them.
    const at = series.map((s) => firstFrom(s.t, from));
    for (;;) {
      let k = -1;
      let time = Infinity;
      series.forEach((s, i) => {
        const next = s.t[at[i] ?? 0];
        if (next !== undefined && next < time) {
          time = next;
          k = i;
        }
      });
      if (k === -1) break;
      const i = at[k] ?? 0;
      take(time, k, series[k]?.v[i] ?? null);
      at[k] = i + 1;
    }
    return { t, cols };
  }
  const points: { t: number; k: number; v: number | null }[] = [];
  series.forEach((s, k) => s.t.forEach((t, i) => t >= from && points.push({ t, k, v: s.v[i] ?? null })));
  // Stable: within a series, arrival order stays.
  points.sort((a, b) => a.t - b.t);
  for (const p of points) take(p.t, p.k, p.v);
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
export function alignSeries(series: readonly SeriesData[], from: number): [number[], ...Cell[][]] {
  const { t, cols } = mergeRows(series, from, undefined);
  return [alignTimes(t, []), ...cols];
}

/** Appends to `x` the seconds of each row time in `t`, each after the one before it. */
export function alignTimes(t: readonly number[], x: number[]): number[] {
  for (const time of t) {
    const previous = x[x.length - 1];
    const seconds = time / 1000;
    x.push(previous !== undefined && seconds <= previous ? previous + 1e-6 : seconds);
  }
  return x;
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
