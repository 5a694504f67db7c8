/**
 * Trust #17: one memory budget across the message logs of all connections, and the log of
 * a removed connection freed. Trust #18: a large payload's evicted "last message" does not
 * live on whole in the topic index.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STREAM_LIMITS, type ReceivedMessage } from '../../electron/contract';
import { MemoryBudget } from '../../electron/engine/stream/memory-budget';
import { DETACHED_MAX_BYTES, MessageLog } from '../../electron/engine/stream/message-log';
import { MessageStreams } from '../../electron/engine/stream/message-streams';

const KiB = 1024;
const MiB = 1024 * KiB;

function message(topic: string, bytes: number, receivedAt: number, extra: Partial<ReceivedMessage> = {}) {
  return { topic, payload: new Uint8Array(bytes), qos: 0, retain: false, receivedAt, ...extra } as const;
}

describe('MemoryBudget across logs (Trust #17)', () => {
  it('keeps the sum of all logs within the budget, evicting the oldest message of all first', () => {
    const budget = new MemoryBudget(MiB);
    const limits = { ...DEFAULT_STREAM_LIMITS, maxTotalBytes: MiB };
    const quiet = new MessageLog(limits, budget);
    const busy = new MessageLog(limits, budget);
    let clock = 0;
    // The quiet connection got 4 messages early; then the busy one floods.
    for (let i = 0; i < 4; i++) quiet.append(message('q', 10 * KiB, ++clock), 'q', 0);
    for (let i = 0; i < 100; i++) busy.append(message('b', 20 * KiB, 1000 + ++clock), 'b', 0);
    expect(budget.used).toBe(quiet.bytes + busy.bytes);
    expect(budget.used).toBeLessThanOrEqual(MiB);
    // The quiet log's messages were the oldest of all: they went first, and were counted.
    expect(quiet.count).toBe(0);
    expect(quiet.evicted).toBe(4);
    expect(busy.count).toBeGreaterThan(40);
    expect(busy.evicted).toBe(100 - busy.count);
  });

  it('shares the budget between connections that arrive interleaved', () => {
    const budget = new MemoryBudget(2 * MiB);
    const limits = { ...DEFAULT_STREAM_LIMITS, maxTotalBytes: 2 * MiB };
    const logs = [0, 1, 2].map(() => new MessageLog(limits, budget));
    for (let i = 0; i < 600; i++) {
      const log = logs[i % 3];
      log?.append(message(`t${i % 3}`, 10 * KiB, i), `t${i % 3}`, 0);
    }
    expect(budget.used).toBeLessThanOrEqual(2 * MiB);
    const counts = logs.map((l) => l.count);
    // Oldest-first across logs: each keeps about a third.
    for (const c of counts) expect(Math.abs(c - (counts[0] ?? 0))).toBeLessThanOrEqual(1);
  });

  it('evicts at once when the budget is lowered, and frees a removed stream entirely', () => {
    const streams = new MessageStreams();
    const a = streams.create('a');
    const b = streams.create('b');
    for (let i = 0; i < 50; i++) {
      a.ingest([message('x', 100 * KiB, i)]);
      b.ingest([message('y', 100 * KiB, i)]);
    }
    const before = streams.memory();
    expect(before.used).toBe(a.bytes + b.bytes);
    expect(before.connections.map((c) => c.connectionId)).toEqual(['a', 'b']);

    streams.setLimits({ maxTotalBytes: 8 * MiB });
    expect(streams.memory().used).toBeLessThanOrEqual(8 * MiB);
    expect(a.stats().evicted + b.stats().evicted).toBeGreaterThan(0);
    expect(a.stats().totalBytes).toBe(streams.memory().used);

    const freedA = a.bytes;
    expect(streams.remove('a')).toBe(freedA);
    expect(streams.memory()).toMatchObject({ used: b.bytes, connections: [{ connectionId: 'b' }] });
    expect(streams.remove('b')).toBeGreaterThan(0);
    expect(streams.memory()).toEqual({ budget: 8 * MiB, used: 0, connections: [] });
    expect(() => streams.get('a')).toThrow(/no messages/);
  });

  it('keeps a closed (ended) stream until it is removed: a new connection no longer drops it', () => {
    const streams = new MessageStreams();
    const closed = streams.create('closed');
    closed.ingest([message('x', 1000, 1)]);
    streams.end('closed');
    streams.create('next');
    expect(streams.get('closed').stats().count).toBe(1);
  });
});

describe('large payloads (Trust #18)', () => {
  it('keeps a payload the connection already cut as truncated, with the size as sent', () => {
    const log = new MessageLog(DEFAULT_STREAM_LIMITS);
    const entry = log.append(message('big', 1024, 1, { size: 200 * MiB }), 'big', 0);
    expect(entry.size).toBe(200 * MiB);
    expect(entry.truncatedAt).toBe(1024);
    expect(log.truncated).toBe(1);
    expect(log.bytes).toBeLessThan(2 * KiB);
  });

  it("an evicted topic's last message keeps only a marked prefix, not the whole payload", () => {
    const streams = new MessageStreams();
    streams.setLimits({ maxTotalBytes: 8 * MiB });
    const stream = streams.create('c');
    // Each topic once: every message is its topic's last, and the budget evicts all but a few.
    for (let i = 0; i < 10; i++) stream.ingest([message(`big/${i}`, 2 * MiB, i)]);
    expect(stream.stats().evicted).toBeGreaterThan(5);
    const evictedLast = stream.topicDetail('big/0', 16 * MiB);
    expect(evictedLast.size).toBe(2 * MiB);
    expect(evictedLast.truncatedAt).toBe(DETACHED_MAX_BYTES);
    expect(evictedLast.payload.byteLength).toBe(DETACHED_MAX_BYTES);
    const kept = stream.topicDetail('big/9', 16 * MiB);
    expect(kept.payload.byteLength).toBe(2 * MiB);
    expect(kept.truncatedAt).toBeUndefined();
  });
});
