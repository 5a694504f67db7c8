/** Payload search over the kept log: matching, slicing and cancellation (issue 11, Data #2). */
import { describe, expect, it } from 'vitest';
import {
  compilePayloadQuery,
  DEFAULT_STREAM_LIMITS,
  findPayloadMatch,
  PayloadQuerySchema,
  type ReceivedMessage,
} from '../../electron/contract';
import { MessageStream } from '../../electron/engine/stream/message-stream';

const text = (s: string) => new TextEncoder().encode(s);
const message = (topic: string, payload: string | Uint8Array<ArrayBuffer>): ReceivedMessage => ({
  topic,
  payload: typeof payload === 'string' ? text(payload) : payload,
  qos: 0,
  retain: false,
  receivedAt: 1_000,
});
const search = (stream: MessageStream, over: Partial<Parameters<MessageStream['search']>[0]> = {}) =>
  stream.search({ afterSeq: 0, searchId: 'list', ...over });

describe('payload queries', () => {
  // Data #2: "payload contains" with a case option, "payload matches" a regex.
  it('matches text with or without case, and regular expressions', () => {
    const contains = compilePayloadQuery({ text: 'Alarm' });
    const exact = compilePayloadQuery({ text: 'Alarm', caseSensitive: true });
    const regex = compilePayloadQuery({ text: '"t":\\s*2\\d', mode: 'regex' });
    if (!contains.ok || !exact.ok || !regex.ok) throw new Error('should compile');
    expect(contains.test('an alarm went off')).toBe(true);
    expect(exact.test('an alarm went off')).toBe(false);
    expect(regex.test('{"t": 21.5}')).toBe(true);
    expect(regex.test('{"t": 31.5}')).toBe(false);
  });

  // Data bad input: a regex that does not compile is an answer, never a throw.
  it('answers a bad regular expression with a sentence', () => {
    const bad = compilePayloadQuery({ text: '(unclosed', mode: 'regex' });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error).toMatchObject({ key: 'query.badRegex', params: { detail: expect.any(String) } });
    expect(findPayloadMatch(PayloadQuerySchema.parse({ text: '(', mode: 'regex' }), 'a(b')).toBeNull();
  });

  it('locates the first match for highlighting', () => {
    expect(findPayloadMatch(PayloadQuerySchema.parse({ text: 'WORD' }), 'a word here')).toEqual({
      start: 2,
      end: 6,
    });
    expect(findPayloadMatch(PayloadQuerySchema.parse({ text: 'o+', mode: 'regex' }), 'foo bar')).toEqual({
      start: 1,
      end: 3,
    });
  });
});

describe('log search', () => {
  // Data #2: a word present in one payload among 10,000 is found, combined with the topic filter.
  it('finds a word inside one payload, within a topic filter and a tree scope', async () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    stream.ingest(
      Array.from({ length: 10_000 }, (_, i) =>
        message(`s/${i % 10}`, i === 7_777 ? '{"note":"needle here"}' : `{"v":${i}}`),
      ),
    );
    const hit = await search(stream, { payload: PayloadQuerySchema.parse({ text: 'NEEDLE' }) });
    expect(hit).toMatchObject({ seqs: [7_778], cancelled: false, scanned: 10_000 });
    const scoped = await search(stream, {
      within: 's/7/#',
      payload: PayloadQuerySchema.parse({ text: 'needle' }),
    });
    expect(scoped.seqs).toEqual([7_778]);
    const elsewhere = await search(stream, {
      match: { text: 's/1', mode: 'substring', exclude: [] },
      payload: PayloadQuerySchema.parse({ text: 'needle' }),
    });
    expect(elsewhere.seqs).toEqual([]);
    // Data #4: the tree scope alone narrows to a subtree.
    expect((await search(stream, { within: 's/3' })).seqs).toHaveLength(1_000);
  });

  // Data #2: binary payloads are searched leniently, never thrown on.
  it('searches binary payloads without failing, and follows up after a seq', async () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    stream.ingest([message('b', new Uint8Array([0xff, 0xfe, 0x41, 0x42])), message('b', 'AB')]);
    const all = await search(stream, { payload: PayloadQuerySchema.parse({ text: 'ab' }) });
    expect(all.seqs).toEqual([1, 2]);
    const later = await search(stream, { payload: PayloadQuerySchema.parse({ text: 'ab' }), afterSeq: 1 });
    expect(later.seqs).toEqual([2]);
  });

  // Data #2: search runs in slices and a newer query with the same id cancels the older one.
  it('yields to the event loop while scanning and is cancelled by a newer search', async () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    const big = 'x'.repeat(2_000);
    stream.ingest(Array.from({ length: 50_000 }, (_, i) => message(`t/${i % 100}`, `${big}${i}`)));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const first = search(stream, { payload: PayloadQuerySchema.parse({ text: 'nowhere', mode: 'regex' }) });
    // Let the first one start, then replace it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const second = search(stream, { payload: PayloadQuerySchema.parse({ text: '49999' }) });
    const [a, b] = await Promise.all([first, second]);
    clearInterval(ticker);
    expect(a.cancelled).toBe(true);
    expect(a.scanned).toBeLessThan(50_000);
    expect(b).toMatchObject({ cancelled: false, seqs: [50_000] });
    // Timers ran during the scans: ingest and polls are never starved.
    expect(ticks).toBeGreaterThan(0);
  });

  it('a clear during a search cancels it', async () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    stream.ingest(Array.from({ length: 50_000 }, (_, i) => message('t', `${'y'.repeat(2_000)}${i}`)));
    const running = search(stream, { payload: PayloadQuerySchema.parse({ text: 'z' }) });
    await new Promise<void>((resolve) => setImmediate(resolve));
    stream.clear();
    expect((await running).cancelled).toBe(true);
  });
});

describe('topic history', () => {
  // Data #3: older/newer walk the same topic's kept messages, with a position.
  it('lists the kept messages of one topic in order, and forgets evicted ones', () => {
    const stream = new MessageStream('c', { ...DEFAULT_STREAM_LIMITS, maxMessages: 100 });
    stream.ingest(Array.from({ length: 150 }, (_, i) => message(i % 3 === 0 ? 'h/a' : 'h/b', String(i))));
    const history = stream.topicHistory(150);
    expect(history.topic).toBe('h/b');
    expect(history.seqs[0]).toBeGreaterThanOrEqual(51);
    expect(history.seqs.every((seq) => seq >= 51 && seq % 3 !== 1)).toBe(true);
    expect(history.seqs).toEqual([...history.seqs].sort((a, b) => a - b));
    expect(history.seqs.length).toBe(67);
    expect(() => stream.topicHistory(3)).toThrow(/no longer kept/);
  });
});
