/** The incremental chart table (issue 11 Performance: 10 live series at 20,000 msg/s, C2). */
import { describe, expect, it } from 'vitest';
import { ChartTable } from '../../src/charts/chart-table';
import { alignSeries, mergeRows, seriesStats, type SeriesData } from '../../src/charts/series-math';

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** What a full rebuild over every point gives: the table and each series' statistics. */
function full(series: readonly SeriesData[], from: number) {
  return { table: alignSeries(series, from), stats: series.map((s) => seriesStats(s, from)) };
}

function run(seed: number, options: { disorder: boolean; window: boolean }) {
  const next = random(seed);
  const count = 1 + Math.floor(next() * 5);
  const table = new ChartTable(count);
  const clocks = Array.from({ length: count }, () => 1000);
  let from = 0;
  let replaced = 0;
  for (let step = 0; step < 60; step++) {
    // Most polls bring points after the last row (as a second later does); some tie with it.
    const base = Math.max(...clocks) + (next() < 0.7 ? 1 : 0);
    clocks.fill(base);
    const added: SeriesData[] = clocks.map((_, k) => {
      const chunk: SeriesData = { t: [], v: [] };
      const n = Math.floor(next() * 8);
      for (let i = 0; i < n; i++) {
        // Steps of 0-2 ms: ties inside a series and across series; a few gaps (null).
        let time = (clocks[k] = (clocks[k] ?? 0) + Math.floor(next() * 3));
        if (options.disorder && next() < 0.05) time -= 5;
        chunk.t.push(time);
        chunk.v.push(next() < 0.1 ? null : Math.round(next() * 1000) / 10);
      }
      return chunk;
    });
    if (options.window) {
      // Mostly forward (trims the front), sometimes back (a wider window: full path).
      const latest = Math.max(...clocks);
      from = next() < 0.1 ? 0 : Math.max(from, latest - 20 - Math.floor(next() * 10));
    }
    if (table.append(added, from)) replaced++;
    const expected = full(table.series, from);
    expect(table.table).toStrictEqual(expected.table);
    expect(table.windowStats).toStrictEqual(expected.stats);
    expect(table.points).toBe(table.series.reduce((n, s) => n + s.v.filter((v) => v !== null).length, 0));
  }
  return replaced;
}

describe('incremental chart table', () => {
  // Issue 11 Performance #C2: appending only the new points gives exactly the full rebuild's
  // table and statistics, over random appends with ties and gaps.
  it('equals the full rebuild after every append, the window moving on and back', () => {
    let replaced = 0;
    for (let seed = 1; seed <= 40; seed++) replaced += run(seed, { disorder: false, window: seed % 2 === 0 });
    // Ties at the last row's millisecond and wider windows took the full path, not every append.
    expect(replaced).toBeGreaterThan(0);
    expect(replaced).toBeLessThan((40 * 60) / 2);
  });

  // Issue 11 Performance #C2: an out-of-order series falls back to the full path, same result.
  it('falls back to the full rebuild for out-of-order series', () => {
    for (let seed = 41; seed <= 60; seed++) run(seed, { disorder: true, window: seed % 2 === 0 });
  });

  // Issue 11 Performance #C2: the arrays handed to uPlot grow in place while rows only append.
  it('grows the same arrays when new points come after the last row', () => {
    const table = new ChartTable(2);
    table.append(
      [
        { t: [1000, 1001], v: [1, 2] },
        { t: [1000], v: [5] },
      ],
      0,
    );
    const x = table.table[0];
    expect(
      table.append(
        [
          { t: [1005], v: [3] },
          { t: [1006], v: [null] },
        ],
        0,
      ),
    ).toBe(false);
    expect(table.table[0]).toBe(x);
    expect(table.table).toStrictEqual([
      [1, 1.001, 1.005, 1.006],
      // A hole (no message in the row) is undefined, a gap (no number in the payload) null.
      [1, 2, 3, undefined],
      [5, undefined, undefined, null],
    ]);
    expect(table.windowStats[1]).toEqual({ count: 1, min: 5, max: 5, last: 5, avg: 5 });
    // The window moving past the first two rows trims them from the front.
    expect(
      table.append(
        [
          { t: [], v: [] },
          { t: [], v: [] },
        ],
        1002,
      ),
    ).toBe(false);
    expect(table.table).toStrictEqual([
      [1.005, 1.006],
      [3, undefined],
      [undefined, null],
    ]);
    expect(table.windowStats[1]).toEqual({ count: 0, min: null, max: null, last: null, avg: null });
  });

  // Issue 11 Performance #C2: at 20,000 msg/s the next answer often goes on in the last row's
  // millisecond; those rows are reopened (not a full rebuild), ties still to the lower series.
  it('reopens the last millisecond when an answer goes on in it', () => {
    const table = new ChartTable(2);
    table.append(
      [
        { t: [], v: [] },
        { t: [1000, 1002], v: [1, 2] },
      ],
      0,
    );
    const x = table.table[0];
    expect(
      table.append(
        [
          { t: [1002, 1003], v: [9, 3] },
          { t: [1002], v: [4] },
        ],
        0,
      ),
    ).toBe(false);
    expect(table.table[0]).toBe(x);
    expect(table.table).toStrictEqual(alignSeries(table.series, 0));
    expect(table.table[1]).toStrictEqual([undefined, 9, undefined, 3]);
    expect(table.windowStats).toStrictEqual(table.series.map((s) => seriesStats(s, 0)));
  });

  // Issue 11 Performance #C1: one series skips the merge; each point is its own row, as before.
  it('gives one series its points as rows', () => {
    expect(mergeRows([{ t: [1, 1, 2, 5], v: [1, null, 3, 4] }], 2)).toStrictEqual({
      t: [2, 5],
      cols: [[3, 4]],
    });
    expect(mergeRows([{ t: [1, 1, 2], v: [1, null, 3] }], 0)).toStrictEqual({
      t: [1, 1, 2],
      cols: [[1, null, 3]],
    });
  });
});
