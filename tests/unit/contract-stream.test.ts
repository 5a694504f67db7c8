/** The message path's requests refuse what the engine must never be asked. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STREAM_LIMITS, decayedRate, RATE_TAU_MS, requests } from '../../electron/contract';

const ok = (name: keyof typeof requests, input: unknown) => requests[name].input.safeParse(input).success;

describe('message path requests', () => {
  it('fills poll defaults and bounds what one answer may carry', () => {
    const parsed = requests['stream.poll'].input.parse({ connectionId: 'c' });
    expect(parsed).toMatchObject({
      epoch: 0,
      topicCursor: 0,
      afterSeq: 0,
      waitMs: 0,
      maxTopics: 2000,
      maxTail: 500,
    });
    expect(ok('stream.poll', { connectionId: 'c', waitMs: 60_000 })).toBe(false);
    expect(ok('stream.poll', { connectionId: 'c', maxTail: 100_000 })).toBe(false);
    expect(ok('stream.poll', { connectionId: 'c', topicCursor: -1 })).toBe(false);
  });

  it('accepts sane log limits only', () => {
    expect(ok('stream.setLimits', { maxMessages: 1000 })).toBe(true);
    expect(ok('stream.setLimits', { maxMessages: 10 })).toBe(false);
    expect(ok('stream.setLimits', { maxBytes: 1024 })).toBe(false);
    expect(ok('stream.setLimits', { maxPayloadBytes: 1.5 })).toBe(false);
    expect(ok('stream.setLimits', { somethingElse: 1 })).toBe(false);
    expect(DEFAULT_STREAM_LIMITS).toEqual({
      maxMessages: 100_000,
      maxBytes: 256 * 1024 * 1024,
      maxPayloadBytes: 16 * 1024 * 1024,
      maxTotalBytes: 512 * 1024 * 1024,
    });
    // Trust #17: one budget for all connections, at least 8 MB.
    expect(ok('stream.setLimits', { maxTotalBytes: 64 * 1024 * 1024 })).toBe(true);
    expect(ok('stream.setLimits', { maxTotalBytes: 1024 * 1024 })).toBe(false);
  });

  it('bounds row and detail requests', () => {
    expect(
      ok('messages.summaries', { connectionId: 'c', seqs: Array.from({ length: 2001 }, (_, i) => i + 1) }),
    ).toBe(false);
    expect(ok('messages.summaries', { connectionId: 'c', seqs: [0] })).toBe(false);
    expect(requests['messages.detail'].input.parse({ connectionId: 'c', seq: 1 }).maxBytes).toBe(1024 * 1024);
    expect(ok('messages.export', { connectionId: 'c', format: 'xml' })).toBe(false);
    expect(ok('topics.clearRetained', { connectionId: 'c', topic: 'a/#' })).toBe(false);
    expect(ok('messages.match', { connectionId: 'c', match: { text: 'a', mode: 'glob' } })).toBe(false);
  });

  it('decays a rate to zero over time', () => {
    expect(decayedRate(10, 1000, 1000)).toBe(10);
    expect(decayedRate(10, 1000, 1000 + RATE_TAU_MS)).toBeCloseTo(10 / Math.E);
    expect(decayedRate(10, 0, 60_000)).toBeLessThan(0.01);
  });
});
