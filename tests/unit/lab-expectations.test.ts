import { describe, expect, it } from 'vitest';
import { englishOf } from '../support/english';
import type { LabResult } from '../../electron/contract';
import { expectationFor, judge, observationMs } from '../../electron/engine/lab/expectations';

const timing = { keepaliveSeconds: 2, willDelaySeconds: 0, effectiveDelaySeconds: 0 };

function will(afterActionMs: number, afterLastPacketMs: number | null = afterActionMs): LabResult['will'] {
  return { arrivedAt: 0, afterActionMs, afterLastPacketMs, payload: new Uint8Array() };
}

describe('lab expectations', () => {
  it('a drop expects the will at once, a stall 1.5 × keepalive after the last packet', () => {
    expect(expectationFor('drop', timing).window).toEqual({ from: 'action', earliestMs: 0, latestMs: 1000 });
    expect(expectationFor('stall', timing).window).toEqual({
      from: 'lastPacket',
      earliestMs: 2000,
      latestMs: 4000,
    });
    expect(expectationFor('disconnect', timing).window).toBeNull();
  });

  it('adds the will delay only where the session outlives it', () => {
    const delayed = expectationFor('drop', {
      keepaliveSeconds: 2,
      willDelaySeconds: 3,
      effectiveDelaySeconds: 3,
    });
    expect(delayed.window).toEqual({ from: 'action', earliestMs: 2800, latestMs: 5000 });
    const cut = expectationFor('drop', {
      keepaliveSeconds: 2,
      willDelaySeconds: 3,
      effectiveDelaySeconds: 0,
    });
    expect(englishOf(cut.description)).toMatch(/session ends before the will delay/);
    expect(cut.window?.latestMs).toBe(1000);
  });

  it('judges inside, before and after the window', () => {
    const stall = expectationFor('stall', timing);
    expect(judge(stall, will(100, 3100), 3100, 'stall').verdict).toBe('as-specified');
    expect(englishOf(judge(stall, will(100, 1500), 1500, 'stall').verdictText)).toMatch(
      /earlier than specified/,
    );
    const late = judge(stall, will(100, 6100), 6100, 'stall');
    expect(late.verdict).toBe('not-as-specified');
    expect(englishOf(late.verdictText)).toMatch(/later than specified \(2\.0 s–4\.0 s\)\. .*every 5 s/);
  });

  it('a missing will is wrong after a drop and right after a normal disconnect', () => {
    expect(englishOf(judge(expectationFor('drop', timing), null, 4000, 'drop').verdictText)).toBe(
      'No will within 4.0 s: the specification says the broker must publish it.',
    );
    expect(judge(expectationFor('disconnect', timing), null, 5000, 'disconnect').verdict).toBe(
      'as-specified',
    );
    expect(judge(expectationFor('disconnect', timing), will(50), 50, 'disconnect').verdict).toBe(
      'not-as-specified',
    );
  });

  it('watches long enough to catch a late broker', () => {
    expect(observationMs('disconnect', expectationFor('disconnect', timing))).toBe(5000);
    expect(observationMs('stall', expectationFor('stall', timing))).toBe(12_000);
  });
});
