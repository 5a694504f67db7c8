/** Issue 15 item 2: the check view's progress store and its comparison of two runs. */
import { describe, expect, it } from 'vitest';
import type { CheckReport, CheckResult } from '../../electron/contract';
import { createCheckProgressStore } from '../../src/check/check-progress';
import { compareRuns } from '../../src/check/compare';

function result(id: string, verdict: CheckResult['verdict']): CheckResult {
  return {
    id,
    group: 'delivery',
    specRef: 'MQTT 5 §4.3',
    statement: 'A statement.',
    verdict,
    finding: `${id} ${verdict}`,
    evidence: { packets: [], timings: [] },
    durationMs: 1,
  };
}

function report(runId: string, results: CheckResult[]): CheckReport {
  return {
    runId,
    topicRoot: `mqscope-check/${runId}`,
    startedAt: 1,
    finishedAt: 2,
    broker: { url: 'mqtt://x:1', protocolVersion: '5.0', connack: {} },
    results,
    messagesSent: 0,
    messageBound: 400,
    counts: { conforms: 0, differs: 0, 'not-supported': 0, 'could-not-run': 0 },
  };
}

describe('check progress store', () => {
  const plan = [
    { id: 'a', group: 'delivery' as const, specRef: '', statement: '' },
    { id: 'b', group: 'delivery' as const, specRef: '', statement: '' },
  ];

  it('adopts the first run planned after it asked, and ignores other windows’ runs', () => {
    const store = createCheckProgressStore();
    store.ingest({ phase: 'planned', runId: 'other', checks: plan });
    expect(store.getSnapshot()).toBeNull();
    store.expectRun();
    store.ingest({ phase: 'planned', runId: 'mine', checks: plan });
    store.ingest({ phase: 'planned', runId: 'later', checks: plan });
    store.ingest({ phase: 'started', runId: 'later', id: 'a' });
    expect(store.getSnapshot()?.runId).toBe('mine');
    expect(store.getSnapshot()?.running.size).toBe(0);
  });

  it('follows started, finished and done with a new snapshot each time', () => {
    const store = createCheckProgressStore();
    store.expectRun();
    store.ingest({ phase: 'planned', runId: 'r', checks: plan });
    const planned = store.getSnapshot();
    store.ingest({ phase: 'started', runId: 'r', id: 'a' });
    const started = store.getSnapshot();
    expect(started).not.toBe(planned);
    expect([...(started?.running ?? [])]).toEqual(['a']);
    store.ingest({ phase: 'finished', runId: 'r', result: result('a', 'conforms') });
    expect(store.getSnapshot()?.running.size).toBe(0);
    expect(store.getSnapshot()?.results.get('a')?.verdict).toBe('conforms');
    store.ingest({
      phase: 'done',
      runId: 'r',
      counts: { conforms: 1, differs: 0, 'not-supported': 0, 'could-not-run': 0 },
    });
    expect(store.getSnapshot()?.done).toBe(true);
  });
});

describe('compareRuns', () => {
  it('marks a changed verdict and a check only one run has; keeps equal ones plain', () => {
    const a = report('a', [result('x', 'conforms'), result('y', 'differs'), result('z', 'conforms')]);
    const b = report('b', [result('x', 'conforms'), result('y', 'conforms'), result('w', 'not-supported')]);
    const rows = compareRuns(a, b);
    expect(rows.map((r) => [r.id, r.differs])).toEqual([
      ['x', false],
      ['y', true],
      ['z', true],
      ['w', true],
    ]);
    expect(rows[2]?.b).toBeUndefined();
    expect(rows[3]?.a).toBeUndefined();
  });
});
