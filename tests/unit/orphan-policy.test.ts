/** Trust #16: the web host's stated policy for connections no page watches. */
import { describe, expect, it, vi } from 'vitest';
import { OrphanWatch, parseOrphanPolicy, type OrphanTimers } from '../../electron/host/orphan-policy';
import { parseWebHostArgs } from '../../electron/web/args';

function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: OrphanTimers = {
    setTimeout: (fn, ms) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  };
  const fire = () => {
    const all = [...pending.values()];
    pending.clear();
    for (const t of all) t.fn();
  };
  return { timers, pending, fire };
}

function runArgs(argv: string[]) {
  const command = parseWebHostArgs(argv);
  if (command.kind !== 'run') throw new Error('expected a run command');
  return command.args;
}

describe('orphan policy (Trust #16)', () => {
  it('parses keep and close-after=<minutes>, and refuses anything else in one sentence', () => {
    expect(parseOrphanPolicy('keep')).toEqual({ kind: 'keep' });
    expect(parseOrphanPolicy('close-after=30')).toEqual({ kind: 'close-after', minutes: 30 });
    for (const bad of [
      '',
      'close',
      'close-after=0',
      'close-after=-1',
      'close-after=1.5',
      'close-after=99999',
    ])
      expect(() => parseOrphanPolicy(bad)).toThrow(/--orphan-policy takes "keep" or "close-after=<minutes>"/);
    expect(runArgs([]).orphanPolicy).toEqual({ kind: 'keep' });
    expect(runArgs(['--orphan-policy', 'close-after=5']).orphanPolicy).toEqual({
      kind: 'close-after',
      minutes: 5,
    });
  });

  it('keep: never closes anything, however long no page is open', () => {
    const { timers, pending } = manualTimers();
    const closeRunning = vi.fn(async () => 0);
    const watch = new OrphanWatch({ kind: 'keep' }, closeRunning, timers);
    watch.pagesChanged(1);
    watch.pagesChanged(0);
    expect(pending.size).toBe(0);
    expect(closeRunning).not.toHaveBeenCalled();
  });

  it('close-after: closes once no page has been open for the whole period; a page coming back cancels', () => {
    const { timers, pending, fire } = manualTimers();
    const closeRunning = vi.fn(async () => 1);
    const watch = new OrphanWatch({ kind: 'close-after', minutes: 5 }, closeRunning, timers);
    // At start no page is open yet: the clock runs.
    expect([...pending.values()].map((t) => t.ms)).toEqual([5 * 60_000]);
    watch.pagesChanged(1);
    expect(pending.size).toBe(0);
    watch.pagesChanged(2);
    watch.pagesChanged(1);
    expect(pending.size).toBe(0);
    watch.pagesChanged(0);
    expect(pending.size).toBe(1);
    fire();
    expect(closeRunning).toHaveBeenCalledTimes(1);
    expect(closeRunning).toHaveBeenCalledWith(expect.stringContaining('no page watched it for 5 min'));
    watch.stop();
    expect(pending.size).toBe(0);
  });
});
