/** Pure helpers for the chart cards, unit-tested without a page. */

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

/** One CSV: a time column (ISO 8601) and one column per series, empty where it has no value. */
export function seriesCsv(labels: readonly string[], series: readonly SeriesData[]): string {
  const rows = new Map<number, (number | null)[]>();
  series.forEach((s, k) => {
    s.t.forEach((t, i) => {
      const row = rows.get(t) ?? new Array<number | null>(series.length).fill(null);
      row[k] = s.v[i] ?? null;
      rows.set(t, row);
    });
  });
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const lines = [['time', ...labels].map(quote).join(',')];
  for (const t of [...rows.keys()].sort((a, b) => a - b)) {
    const row = rows.get(t) ?? [];
    lines.push([new Date(t).toISOString(), ...row.map((v) => (v === null ? '' : String(v)))].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** uPlot's aligned table: shared x in seconds, one y array per series (null: no value there). */
export function alignSeries(series: readonly SeriesData[], from: number): [number[], ...(number | null)[][]] {
  const xs = new Set<number>();
  for (const s of series) for (const t of s.t) if (t >= from) xs.add(t);
  const x = [...xs].sort((a, b) => a - b);
  const index = new Map(x.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const y = new Array<number | null>(x.length).fill(null);
    s.t.forEach((t, i) => {
      const at = index.get(t);
      if (at !== undefined) y[at] = s.v[i] ?? null;
    });
    return y;
  });
  return [x.map((t) => t / 1000), ...ys];
}
