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
