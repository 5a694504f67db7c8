/**
 * A chart's aligned table and statistics kept as running state: each refresh appends only the
 * new points instead of merging every kept point again (10 series at 20,000 msg/s made the
 * full rebuild a long task every second). The result is always what `alignSeries` and
 * `seriesStats` give over all the points. Points in the last row's millisecond reopen its rows;
 * anything else the append cannot keep equal (a point before the last row, an out-of-order
 * series, a wider window) takes the full path.
 */
import {
  alignTimes,
  mergeRows,
  seriesStats,
  type Cell,
  type SeriesData,
  type SeriesStats,
} from './series-math';

export type AlignedTable = [number[], ...Cell[][]];

function ordered(t: readonly number[], after: number): boolean {
  let previous = after;
  for (const time of t) {
    if (time < previous) return false;
    previous = time;
  }
  return true;
}

export class ChartTable {
  /** Every point received, per series (the CSV export and the full path read them). */
  readonly series: SeriesData[] = [];
  /** uPlot's table: the arrays are kept and grown, so uPlot can be handed them again. */
  table: AlignedTable = [[]];
  private rowTimes: number[] = [];
  private from = 0;
  private inOrder = true;
  private stats: SeriesStats[] = [];
  private sums: number[] = [];
  private present: number[] = [];
  /** The statistics before the last millisecond's rows were counted. */
  private before: { stats: SeriesStats[]; sums: number[] } = { stats: [], sums: [] };

  constructor(count = 0) {
    this.resize(count);
  }

  /** Adds empty series up to `count` (a series added later starts from its own beginning). */
  resize(count: number): void {
    if (this.series.length >= count) return;
    while (this.series.length < count) {
      this.series.push({ t: [], v: [] });
      this.present.push(0);
    }
    this.rebuild(this.from);
  }

  /** Values that are numbers (gaps left out), over every kept point. */
  get points(): number {
    return this.present.reduce((n, p) => n + p, 0);
  }

  /** Statistics of each series over the window, as `seriesStats` gives them. */
  get windowStats(): SeriesStats[] {
    return this.stats.map((s) => ({ ...s }));
  }

  /**
   * Appends each series' new points (`added[i]` for series i) and moves the window's start to
   * `from`. Returns true when the table arrays were replaced rather than grown.
   */
  append(added: readonly SeriesData[], from: number): boolean {
    const lastRow = this.rowTimes[this.rowTimes.length - 1] ?? -Infinity;
    let incremental = this.inOrder && from >= this.from;
    let tie = false;
    // Per series: its points already in the last row's millisecond.
    const tails: SeriesData[] = [];
    added.forEach((chunk, k) => {
      const series = this.series[k];
      if (!series) return;
      const tail: SeriesData = { t: [], v: [] };
      let i = series.t.length;
      while (i > 0 && series.t[i - 1] === lastRow) i--;
      for (let j = i; j < series.t.length; j++) {
        tail.t.push(lastRow);
        tail.v.push(series.v[j] ?? null);
      }
      tails[k] = tail;
      if (chunk.t.length === 0) return;
      const previous = series.t[series.t.length - 1] ?? -Infinity;
      if (!ordered(chunk.t, previous)) this.inOrder = incremental = false;
      // 20 messages a millisecond: the last row's millisecond often goes on in the next answer.
      // A point before the last row's millisecond belongs between rows: the full path places it.
      if ((chunk.t[0] ?? 0) < lastRow) incremental = false;
      if ((chunk.t[0] ?? 0) === lastRow) tie = true;
      for (let j = 0; j < chunk.t.length; j++) {
        const v = chunk.v[j] ?? null;
        series.t.push(chunk.t[j] ?? 0);
        series.v.push(v);
        if (v !== null) this.present[k] = (this.present[k] ?? 0) + 1;
      }
    });
    if (!incremental) {
      this.rebuild(from);
      return true;
    }
    if (tie) this.reopen(lastRow);
    this.trim(from);
    const start = this.rowTimes.length;
    const merged = tie
      ? tails.map((tail, k) => ({
          t: tail.t.concat(added[k]?.t ?? []),
          v: tail.v.concat(added[k]?.v ?? []),
        }))
      : added.slice(0, this.series.length);
    const { t, cols } = mergeRows(merged, from, undefined);
    const [x, ...columns] = this.table;
    alignTimes(t, x);
    for (const time of t) this.rowTimes.push(time);
    cols.forEach((col, k) => {
      const column = columns[k];
      if (column) for (const v of col) column.push(v);
    });
    this.countRows(start);
    return false;
  }

  /** Takes the rows of millisecond `time` off the end, and the statistics back to before them. */
  private reopen(time: number): void {
    while (this.rowTimes[this.rowTimes.length - 1] === time) {
      this.rowTimes.pop();
      for (const column of this.table) column.pop();
    }
    this.stats = this.before.stats.map((s) => ({ ...s }));
    this.sums = [...this.before.sums];
  }

  /** The window moved on: rows before it leave the front; statistics are counted again. */
  private trim(from: number): void {
    this.from = from;
    let drop = 0;
    while (drop < this.rowTimes.length && (this.rowTimes[drop] ?? 0) < from) drop++;
    if (drop === 0) return;
    for (const column of this.table) column.splice(0, drop);
    this.rowTimes.splice(0, drop);
    // After the cut the first row's x is its own time unless a run of over 1,000 ties pushed it on.
    const x = this.table[0];
    if (x.length > 0 && x[0] !== (this.rowTimes[0] ?? 0) / 1000) {
      this.rebuild(from);
      return;
    }
    this.restat();
  }

  private rebuild(from: number): void {
    this.from = from;
    this.inOrder = this.series.every((s) => ordered(s.t, -Infinity));
    const { t, cols } = mergeRows(this.series, from, undefined);
    this.table = [alignTimes(t, []), ...cols];
    this.rowTimes = t;
    if (this.inOrder) {
      this.restat();
      return;
    }
    // Out of order: the sums run in arrival order, as seriesStats adds them (rows are by time).
    this.stats = this.series.map((s) => seriesStats(s, from));
    this.sums = this.stats.map((s) => (s.avg === null ? 0 : s.avg * s.count));
  }

  /** Statistics from the table's columns (the window's points, gaps left out). */
  private restat(): void {
    this.stats = this.series.map(() => ({ count: 0, min: null, max: null, last: null, avg: null }));
    this.sums = this.series.map(() => 0);
    this.before = { stats: this.stats.map((s) => ({ ...s })), sums: [...this.sums] };
    this.countRows(0);
  }

  /**
   * Counts rows from `start` into the statistics, keeping what they were before the last
   * millisecond's rows (an answer that goes on in that millisecond takes them back).
   */
  private countRows(start: number): void {
    const rows = this.rowTimes.length;
    if (start >= rows) return;
    let last = rows;
    while (last > start && this.rowTimes[last - 1] === this.rowTimes[rows - 1]) last--;
    const columns = this.table.slice(1) as Cell[][];
    const add = (from: number, to: number) =>
      columns.forEach((column, k) => {
        for (let r = from; r < to; r++) {
          const v = column[r];
          if (typeof v === 'number') this.count(k, v);
        }
      });
    add(start, last);
    this.before = { stats: this.stats.map((s) => ({ ...s })), sums: [...this.sums] };
    add(last, rows);
  }

  private count(k: number, v: number): void {
    const s = this.stats[k];
    if (!s) return;
    const sum = (this.sums[k] ?? 0) + v;
    this.sums[k] = sum;
    s.count++;
    s.min = s.min === null ? v : Math.min(s.min, v);
    s.max = s.max === null ? v : Math.max(s.max, v);
    s.last = v;
    s.avg = sum / s.count;
  }
}
