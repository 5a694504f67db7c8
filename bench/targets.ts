/**
 * Every goal of issue 18 as one line of the bench's output, with its target and the noise
 * band measured on this machine kind (bench/bands.json: the spread of five runs). A figure
 * that misses its target by more than its band fails the run; one that misses within the
 * band is reported as such but does not.
 */
import bands from './bands.json';

export type TargetId = keyof typeof bands.bands;

interface Goal {
  /** At least (`min`) or at most (`max`). */
  kind: 'min' | 'max';
  target: number;
  unit: string;
}

export const GOALS: Record<TargetId, Goal> = {
  'l2-ratio': { kind: 'min', target: 0.95, unit: '' },
  'l3-flat-ratio': { kind: 'min', target: 0.7, unit: '' },
  'l3-flat-longest-task': { kind: 'max', target: 100, unit: 'ms' },
  'l3-flat-click-p50': { kind: 'max', target: 100, unit: 'ms' },
  'l3-paced-p99': { kind: 'max', target: 150, unit: 'ms' },
  'tree-100k': { kind: 'max', target: 2000, unit: 'ms' },
  'filter-100k': { kind: 'max', target: 50, unit: 'ms' },
  'cold-start': { kind: 'max', target: 1000, unit: 'ms' },
  'start-path': { kind: 'max', target: 300, unit: 'kB' },
  'low-rate-renderer-cpu': { kind: 'max', target: 8, unit: 's' },
  'low-rate-host-rss': { kind: 'max', target: 100, unit: 'MB' },
  // Issues 11 and 12: the data levels (bench/decode.ts, search.ts, charts.ts).
  'decode-500': { kind: 'max', target: 20, unit: 'ms' },
  'decode-binding-ratio': { kind: 'min', target: 0.9, unit: '' },
  'search-100k': { kind: 'max', target: 500, unit: 'ms' },
  'search-ingest-ratio': { kind: 'min', target: 0.8, unit: '' },
  'chart-open-100k': { kind: 'max', target: 300, unit: 'ms' },
  'chart-10-longest-task': { kind: 'max', target: 50, unit: 'ms' },
};

export interface Verdict {
  id: TargetId;
  value: number;
  status: 'met' | 'within band' | 'MISSED';
}

const verdicts: Verdict[] = [];

/** Judges one figure against its goal and band; returns the text to print after it. */
export function judge(id: TargetId, value: number): string {
  const goal = GOALS[id];
  const band = bands.bands[id];
  const over = goal.kind === 'min' ? goal.target - value : value - goal.target;
  const status: Verdict['status'] = over <= 0 ? 'met' : over <= band ? 'within band' : 'MISSED';
  verdicts.push({ id, value, status });
  const sign = goal.kind === 'min' ? '>=' : '<=';
  const unit = goal.unit ? ` ${goal.unit}` : '';
  return `target ${sign} ${goal.target}${unit}, band ±${band}${unit}: ${status}`;
}

export function missedTargets(): Verdict[] {
  return verdicts.filter((v) => v.status === 'MISSED');
}

export function allVerdicts(): readonly Verdict[] {
  return verdicts;
}
