/** Chart tables, CSV and statistics (issue 11, Data #1). */
import { describe, expect, it } from 'vitest';
import {
  alignSeries,
  firstNumericPath,
  mergeRows,
  seriesCsv,
  seriesStats,
} from '../../src/charts/series-math';

describe('chart tables', () => {
  // Issue 11 Performance (a 100,000-point chart, 10 live series): the merge that replaced a
  // copy-and-sort per refresh gives the same rows, ties to the lower series; an out-of-order
  // series still goes through the sort.
  it('merges time-ordered series exactly as the stable sort does', () => {
    const bySort = (series: { t: number[]; v: (number | null)[] }[], from: number) => {
      const points = series.flatMap((s, k) =>
        s.t.map((t, i) => ({ t, k, v: s.v[i] ?? null })).filter((p) => p.t >= from),
      );
      points.sort((a, b) => a.t - b.t);
      const single = points.map((p) => ({ t: [p.t], v: [p.v], k: p.k }));
      return single;
    };
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const series = Array.from({ length: 4 }, () => {
      const t: number[] = [];
      let time = 1000;
      for (let i = 0; i < 300; i++) t.push((time += Math.floor(next() * 3)));
      return { t, v: t.map((_, i) => (i % 17 === 0 ? null : i)) };
    });
    for (const from of [0, 1100, 1300]) {
      const merged = mergeRows(series, from);
      // Every kept point appears once, in the sorted order, in its own series' column.
      const cells = merged.t.flatMap((t, row) =>
        merged.cols.flatMap((col, k) => (col[row] !== null ? [{ t, k, v: col[row] }] : [])),
      );
      const expected = bySort(series, from)
        .filter((p) => p.v[0] !== null)
        .map((p) => ({ t: p.t[0], k: p.k, v: p.v[0] }));
      expect(cells).toEqual(expected);
    }
    const unsorted = { t: [3000, 1000, 2000], v: [3, 1, 2] };
    expect(mergeRows([unsorted], 0)).toEqual({ t: [1000, 2000, 3000], cols: [[1, 2, 3]] });
  });

  // Data #1: a burst within one millisecond keeps every value (CSV holds all 50).
  it('keeps messages that share a millisecond, and merges series by time', () => {
    const a = { t: [1000, 1000, 2000], v: [1, 2, 3] };
    const b = { t: [1000, 3000], v: [10, null] };
    expect(mergeRows([a, b], 0)).toEqual({
      t: [1000, 1000, 2000, 3000],
      cols: [
        [1, 2, 3, null],
        [null, 10, null, null],
      ],
    });
    const [x] = alignSeries([a, b], 0);
    expect(x.every((value, i) => i === 0 || value > (x[i - 1] ?? 0))).toBe(true);
    const csv = seriesCsv(['a', 'b "x"'], [a, b]).trim().split('\n');
    expect(csv[0]).toBe('"time","a","b ""x"""');
    expect(csv).toHaveLength(5);
    expect(csv[2]).toBe('1970-01-01T00:00:01.000Z,2,10');
  });

  // Data #1: min/max/last/avg over the time window, gaps left out.
  it('computes statistics over the window', () => {
    const s = { t: [1, 2, 3, 4], v: [5, null, 1, 3] };
    expect(seriesStats(s, 0)).toEqual({ count: 3, min: 1, max: 5, last: 3, avg: 3 });
    expect(seriesStats(s, 3)).toMatchObject({ count: 2, min: 1, max: 3 });
    expect(seriesStats({ t: [], v: [] }, 0).avg).toBeNull();
  });

  it('finds the first numeric field of a JSON value as a path', () => {
    expect(firstNumericPath({ name: 'x', data: { readings: [{ t: 21.5 }] } })).toBe('data.readings[0].t');
    expect(firstNumericPath({ 'a.b': 1 })).toBe('["a.b"]');
    expect(firstNumericPath({ s: 'no' })).toBeNull();
  });
});
