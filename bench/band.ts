/**
 * The noise band of each goal (issue 18, rules): parse the "Goals:" line of several bench runs,
 * summarise each goal's series and write the bands into bench/bands.json. Pure functions; the
 * runner is bench/band-run.ts.
 */

/** One goal's series over the runs, and its band: half the spread. */
export interface GoalSummary {
  id: string;
  values: number[];
  min: number;
  max: number;
  median: number;
  band: number;
}

export interface BandsFile {
  how: string;
  measured: unknown;
  bands: Record<string, number>;
}

export interface Measured {
  date: string;
  machine: { nproc: number; cpu: string };
  loadAverage: { start: number[]; end: number[] };
  runs: number;
  /** Runs that printed no goals line (crashed or were stopped). */
  failedRuns: number;
  series: Record<string, number[]>;
}

const GOAL = /^([a-z0-9-]+) (-?\d+(?:\.\d+)?) (met|within band|MISSED)$/;

/** The figures of a run's last "Goals:" line, by goal id; null when the run printed none. */
export function parseGoals(output: string): Map<string, number> | null {
  const lines = output.split(/\r?\n/).filter((line) => line.startsWith('Goals: '));
  const last = lines.at(-1);
  if (last === undefined) return null;
  const goals = new Map<string, number>();
  for (const part of last.slice('Goals: '.length).split('; ')) {
    const match = GOAL.exec(part.trim());
    if (!match?.[1] || match[2] === undefined)
      throw new Error(`Unreadable goal in the bench's output: "${part}"`);
    goals.set(match[1], Number(match[2]));
  }
  return goals;
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Each goal seen in any run, in first-seen order; a goal a run did not print is left out of that run's series. */
export function summarise(runs: readonly Map<string, number>[]): GoalSummary[] {
  const series = new Map<string, number[]>();
  for (const run of runs) {
    for (const [id, value] of run) {
      const values = series.get(id) ?? [];
      values.push(value);
      series.set(id, values);
    }
  }
  return [...series].map(([id, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const min = sorted[0] ?? NaN;
    const max = sorted.at(-1) ?? NaN;
    return { id, values, min, max, median: median(sorted), band: round((max - min) / 2) };
  });
}

/** Three significant digits at most: a band is an estimate, not a measurement to the microsecond. */
function round(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(3));
}

/** The file with its bands replaced by the measured ones (goals not measured keep theirs) and "how" kept. */
export function updateBands(file: BandsFile, summary: readonly GoalSummary[], measured: Measured): BandsFile {
  const bands: Record<string, number> = { ...file.bands };
  for (const goal of summary) bands[goal.id] = goal.band;
  return { how: file.how, measured, bands };
}

/** One line per goal, for the terminal. */
export function formatSummary(summary: readonly GoalSummary[]): string {
  const rows = summary.map(
    (g) =>
      `${g.id.padEnd(24)} min ${fmt(g.min)}  max ${fmt(g.max)}  median ${fmt(g.median)}  band ±${fmt(g.band)}  (${g.values.map(fmt).join(', ')})`,
  );
  return rows.join('\n');
}

const fmt = (n: number) => String(Number(n.toFixed(2)));
