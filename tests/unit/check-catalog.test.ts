// Broker check #1: the catalog the runner, the CLI and the fixtures share.
import { describe, expect, it } from 'vitest';
import { CHECK_GROUPS, ConnectOptionsSchema } from '../../electron/contract';
import { MESSAGE_BOUND, selectChecks } from '../../electron/engine/check';
import { CouldNotRun, RunState } from '../../electron/engine/check/context';

describe('broker check catalog', () => {
  const all = selectChecks();

  it('names every check once, under its group, with a spec section and a statement', () => {
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const check of all) {
      expect(check.id.startsWith(`${check.group}.`), check.id).toBe(true);
      expect(check.specRef, check.id).toMatch(/^MQTT (5|3\.1\.1) §\d/);
      expect(check.statement.length, check.id).toBeGreaterThan(20);
    }
  });

  it('covers every group, and --only selects by group', () => {
    expect(new Set(all.map((c) => c.group))).toEqual(new Set(CHECK_GROUPS));
    const picked = selectChecks(['will', 'limits']);
    expect(new Set(picked.map((c) => c.group))).toEqual(new Set(['will', 'limits']));
  });

  it('stops a run at its message bound, keeping a reserve for cleanup', () => {
    const options = ConnectOptionsSchema.parse({ transport: 'mqtt', host: 'localhost', port: 1883 });
    const run = new RunState('00000000', options, 5, {});
    expect(() => run.spend(MESSAGE_BOUND)).toThrow(CouldNotRun);
    run.spend(MESSAGE_BOUND - 50);
    expect(() => run.spend(1)).toThrow(/bound of 400 messages/);
    // Cleanup (clearing retained messages) may still send, up to the bound itself.
    run.spend(50, true);
    expect(() => run.spend(1, true)).toThrow(CouldNotRun);
    expect(run.messagesSent).toBe(MESSAGE_BOUND);
  });

  it('keeps helper client IDs within the 23 characters every broker must accept', () => {
    const options = ConnectOptionsSchema.parse({ transport: 'mqtt', host: 'localhost', port: 1883 });
    const run = new RunState('abcdef01', options, 5, {});
    for (let i = 0; i < 500; i++) expect(run.nextClientId('subscriber-again').length).toBeLessThanOrEqual(23);
  });
});
