/** Chart series extraction in the engine (issue 11, Data #1). */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STREAM_LIMITS,
  numberFrom,
  parseJsonPath,
  pickJsonPath,
  type ReceivedMessage,
} from '../../electron/contract';
import { MessageStream } from '../../electron/engine/stream/message-stream';

const message = (topic: string, payload: string, receivedAt: number): ReceivedMessage => ({
  topic,
  payload: new TextEncoder().encode(payload),
  qos: 0,
  retain: false,
  receivedAt,
});

describe('JSON path picking', () => {
  // Data #1: any numeric field of the JSON tree, by its path.
  it('parses dotted, indexed and quoted paths', () => {
    expect(parseJsonPath('a.b[2].c')).toEqual(['a', 'b', 2, 'c']);
    expect(parseJsonPath('$.t')).toEqual(['t']);
    expect(parseJsonPath('["x.y"].z')).toEqual(['x.y', 'z']);
    expect(parseJsonPath('a[')).toBeNull();
  });

  it('picks own properties only, never the prototype', () => {
    expect(pickJsonPath({ a: [{ b: 3 }] }, ['a', 0, 'b'])).toBe(3);
    expect(pickJsonPath({}, ['constructor'])).toBeUndefined();
    expect(pickJsonPath({ a: 1 }, ['a', 'b'])).toBeUndefined();
  });

  it('reads numbers from plain and JSON payloads', () => {
    expect(numberFrom(' 21.5 ', null)).toBe(21.5);
    expect(numberFrom('', null)).toBeNull();
    expect(numberFrom('on', null)).toBeNull();
    expect(numberFrom('{"t":21.5}', ['t'])).toBe(21.5);
    expect(numberFrom('{"t":"hot"}', ['t'])).toBeNull();
  });
});

describe('series extraction', () => {
  // Data #1 bad input: a path that stops being numeric is a gap with a count, never a crash.
  it('extracts a topic series with gaps and a skipped count, then only what came later', () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    stream.ingest([
      message('s/a', '{"t":1}', 1000),
      message('s/b', '{"t":99}', 1500),
      message('s/a', '{"t":"broken"}', 2000),
      message('s/a', '{"t":3}', 3000),
    ]);
    const first = stream.series('s/a', 't', 0);
    expect(first).toMatchObject({ t: [1000, 2000, 3000], v: [1, null, 3], skipped: 1, lastSeq: 4 });
    stream.ingest([message('s/a', '{"t":4}', 4000)]);
    expect(stream.series('s/a', 't', first.lastSeq)).toMatchObject({ t: [4000], v: [4], skipped: 0 });
    expect(stream.series('s/none', undefined, 0).t).toEqual([]);
    expect(() => stream.series('s/a', 'a[', 0)).toThrow(/not a JSON path/);
  });

  // Data #1: a chart starts with the history the log already holds.
  it('reads 100,000 kept points of one topic among others quickly', () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    stream.ingest(Array.from({ length: 100_000 }, (_, i) => message('n', String(i), i)));
    const started = performance.now();
    const series = stream.series('n', undefined, 0);
    const took = performance.now() - started;
    expect(series.v).toHaveLength(100_000);
    expect(series.v[99_999]).toBe(99_999);
    // Generous for a loaded CI machine; the bench measures the real figure.
    expect(took).toBeLessThan(2000);
  });
});
