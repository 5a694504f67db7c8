// Issue 18 (rules: "state the band you measured across five runs"): `npm run bench:band` reads
// each run's goals line and writes the bands. Tested on a real run's output (2026-12-03) and
// variations of it, without running the bench.
import { describe, expect, it } from 'vitest';
import { formatSummary, parseGoals, summarise, updateBands, type BandsFile } from '../../bench/band';

const REAL_TAIL = `Startup chunk       entry 379 kB; start path 789 kB in 16 chunks (247 kB gzipped); target <= 300 kB, band ±0 kB: MISSED

Goals: l2-ratio 0.95 within band; l3-paced-p99 134 met; tree-100k 2066 within band; filter-100k 70.4 MISSED; l3-flat-ratio 0.73 met; l3-flat-longest-task 98 met; l3-flat-click-p50 16 met; low-rate-renderer-cpu 2.07 met; low-rate-host-rss 131.39 MISSED; start-path 789 MISSED; cold-start 1191.9 within band

Targets missed: filter-100k; low-rate-host-rss; start-path
`;

/** The real run with some figures changed, as a second and third run would print. */
const variant = (changes: Record<string, string>) =>
  Object.entries(changes).reduce((text, [from, to]) => text.replace(from, to), REAL_TAIL);

describe('bench band (issue 18, rules)', () => {
  it("reads every goal of a real run's goals line", () => {
    const goals = parseGoals(REAL_TAIL);
    expect(goals?.size).toBe(11);
    expect(goals?.get('l2-ratio')).toBe(0.95);
    expect(goals?.get('filter-100k')).toBe(70.4);
    expect(goals?.get('low-rate-host-rss')).toBe(131.39);
    expect(goals?.get('cold-start')).toBe(1191.9);
  });

  it('says a run without a goals line printed none, and refuses a goal it cannot read', () => {
    expect(parseGoals('MQScope stream benchmark\nError: Mosquitto did not start\n')).toBeNull();
    expect(() => parseGoals('Goals: l2-ratio fast met')).toThrow(/Unreadable goal/);
  });

  it('gives min, max, median and half the spread for each goal over the runs', () => {
    const runs = [
      REAL_TAIL,
      variant({ 'filter-100k 70.4': 'filter-100k 50.4', 'l2-ratio 0.95': 'l2-ratio 0.91' }),
      variant({ 'filter-100k 70.4': 'filter-100k 60', 'l2-ratio 0.95': 'l2-ratio 0.99' }),
    ].map((text) => parseGoals(text) ?? new Map<string, number>());
    const summary = summarise(runs);
    const filter = summary.find((g) => g.id === 'filter-100k');
    expect(filter).toEqual({
      id: 'filter-100k',
      values: [70.4, 50.4, 60],
      min: 50.4,
      max: 70.4,
      median: 60,
      band: 10,
    });
    const ratio = summary.find((g) => g.id === 'l2-ratio');
    expect(ratio?.median).toBe(0.95);
    expect(ratio?.band).toBe(0.04);
    expect(summary.find((g) => g.id === 'start-path')?.band).toBe(0);
    expect(formatSummary(summary)).toContain(
      'filter-100k              min 50.4  max 70.4  median 60  band ±10',
    );
  });

  it('keeps "how", replaces measured bands and keeps the others', () => {
    const file: BandsFile = {
      how: 'half the spread',
      measured: 'old',
      bands: { 'l2-ratio': 0.05, 'tree-100k': 1000 },
    };
    const summary = summarise([new Map([['l2-ratio', 0.9]]), new Map([['l2-ratio', 0.96]])]);
    const measured = {
      date: '2026-12-03T19:00:00.000Z',
      machine: { nproc: 2, cpu: 'test' },
      loadAverage: { start: [0.5, 0.4, 0.3], end: [1, 0.8, 0.6] },
      runs: 2,
      failedRuns: 0,
      series: { 'l2-ratio': [0.9, 0.96] },
    };
    const next = updateBands(file, summary, measured);
    expect(next).toEqual({
      how: 'half the spread',
      measured,
      bands: { 'l2-ratio': 0.03, 'tree-100k': 1000 },
    });
  });
});
