/**
 * A transform series (issue 16: a transform's result can be charted) over the kept log, with
 * the worker stood in by a function: batching, gaps, failures and evicted messages.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STREAM_LIMITS, type ReceivedMessage } from '../../electron/contract';
import { EngineError } from '../../electron/engine/errors';
import type { CallOutcome, WireMessage } from '../../electron/engine/scripts/protocol';
import { SERIES_BATCH, transformSeries } from '../../electron/engine/scripts/series';
import { MessageStream } from '../../electron/engine/stream/message-stream';

const message = (topic: string, payload: string, receivedAt: number): ReceivedMessage => ({
  topic,
  payload: new TextEncoder().encode(payload),
  qos: 0,
  retain: false,
  receivedAt,
});

/** Stands in for the worker: JSON of `fn(payload)` for each message, counting batch sizes. */
function runner(fn: (payload: string) => unknown) {
  const batches: number[] = [];
  const run = async (messages: (WireMessage | null)[]): Promise<CallOutcome[]> => {
    batches.push(messages.length);
    return messages.map((m) => ({ ok: true as const, json: JSON.stringify(fn(m?.payload ?? '')) ?? 'null' }));
  };
  return { run, batches };
}

const input = (topic: string, afterSeq = 0, path?: string) => ({
  topic,
  path,
  afterSeq,
  payloadMax: 1024 * 1024,
});

describe('transform series', () => {
  // Scripts #11: the kept messages run in batches, oldest first; later fetches send only the new ones.
  it('runs the topic in batches, in order, then only what came later', async () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    const count = SERIES_BATCH * 2 + 5;
    stream.ingest(Array.from({ length: count }, (_, i) => message('t/a', String(i), 1000 + i)));
    stream.ingest([message('t/other', '999', 5000)]);
    const { run, batches } = runner((p) => Number(p) * 2);
    const first = await transformSeries(stream, run, input('t/a'));
    expect(batches).toEqual([SERIES_BATCH, SERIES_BATCH, 5]);
    expect(first.v).toEqual(Array.from({ length: count }, (_, i) => i * 2));
    expect(first.t[0]).toBe(1000);
    expect(first.skipped).toBe(0);
    stream.ingest([message('t/a', '7', 6000)]);
    const next = await transformSeries(stream, run, input('t/a', first.lastSeq));
    expect(batches.at(-1)).toBe(1);
    expect(next).toMatchObject({ t: [6000], v: [14], skipped: 0 });
  });

  // Scripts #12: non-numbers are gaps counted as skipped; a path reads inside the result; a bad path is refused.
  it('reads a path inside the result and counts what is not a number', async () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    stream.ingest([message('t/b', '1', 1), message('t/b', 'x', 2), message('t/b', '3', 3)]);
    const { run } = runner((p) => ({ n: p === 'x' ? 'not a number' : Number(p), s: p }));
    expect(await transformSeries(stream, run, input('t/b', 0, 'n'))).toMatchObject({
      v: [1, null, 3],
      skipped: 1,
    });
    expect(await transformSeries(stream, run, input('t/b'))).toMatchObject({
      v: [null, null, null],
      skipped: 3,
    });
    await expect(transformSeries(stream, run, input('t/b', 0, 'a['))).rejects.toBeInstanceOf(EngineError);
  });

  // Scripts #13: a call that fails, or a worker that answers one error for all, is a counted failure with the first error.
  it('counts failures with the first error, and a worker-wide error fails every message', async () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    stream.ingest([message('t/c', '1', 1), message('t/c', '2', 2), message('t/c', '3', 3)]);
    const some = async (messages: (WireMessage | null)[]): Promise<CallOutcome[]> =>
      messages.map((m) =>
        m?.payload === '1'
          ? { ok: true, json: '1' }
          : { ok: false, error: { message: `bad ${m?.payload ?? ''}`, line: 2 } },
      );
    expect(await transformSeries(stream, some, input('t/c'))).toEqual({
      t: [1, 2, 3],
      v: [1, null, null],
      skipped: 2,
      lastSeq: 3,
      failed: { count: 2, first: { message: 'bad 2', line: 2 } },
    });
    const stopped = async () => ({ message: 'The script worker stopped.', limit: 'time' as const });
    expect(await transformSeries(stream, stopped, input('t/c'))).toMatchObject({
      v: [null, null, null],
      failed: { count: 3, first: { limit: 'time' } },
    });
  });

  // Scripts #14: a payload beyond what a transform reads is a gap, not sent to the worker and not a failure.
  it('leaves a payload larger than a transform reads as a gap', async () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    stream.ingest([message('t/d', '1', 1), message('t/d', '12345678', 2)]);
    const seen: (WireMessage | null)[] = [];
    const run = async (messages: (WireMessage | null)[]): Promise<CallOutcome[]> => {
      seen.push(...messages);
      return messages.map(() => ({ ok: true, json: '5' }));
    };
    const result = await transformSeries(stream, run, { ...input('t/d'), payloadMax: 4 });
    expect(seen[1]).toBeNull();
    expect(result).toMatchObject({ v: [5, null], skipped: 1 });
    expect(result.failed).toBeUndefined();
  });

  // Scripts #15: a series may name a filter: every matching topic's messages, in arrival order, as one line.
  it('reads every topic a filter matches, in arrival order', async () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    stream.ingest([
      message('room/a/t', '1', 1),
      message('room/b/t', '2', 2),
      message('room/a/h', '50', 3),
      message('room/b/t', '3', 4),
    ]);
    const { run } = runner((p) => Number(p));
    const first = await transformSeries(stream, run, input('room/+/t'));
    expect(first).toMatchObject({ t: [1, 2, 4], v: [1, 2, 3], lastSeq: 4 });
    stream.ingest([message('room/c/t', '4', 5), message('other', '9', 6)]);
    expect(await transformSeries(stream, run, input('room/#', first.lastSeq))).toMatchObject({ v: [4] });
    // The plain series reads filters the same way.
    expect(stream.series('room/+/t', undefined, 0).v).toEqual([1, 2, 3, 4]);
  });
});
