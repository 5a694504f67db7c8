/**
 * The engine's message path without a broker: the bounded log, the topic index and the
 * coalescing poll. Broker-backed checks live in tests/integration/stream.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STREAM_LIMITS, type ReceivedMessage, type StreamLimits } from '../../electron/contract';
import { MessageLog } from '../../electron/engine/stream/message-log';
import { MessageStream } from '../../electron/engine/stream/message-stream';
import { TopicIndex } from '../../electron/engine/stream/topic-index';

const text = (s: string) => new TextEncoder().encode(s);

function message(
  topic: string,
  payload: string | Uint8Array<ArrayBuffer> = 'x',
  extra: Partial<ReceivedMessage> = {},
) {
  return {
    topic,
    payload: typeof payload === 'string' ? text(payload) : payload,
    qos: 0,
    retain: false,
    receivedAt: 1_000,
    ...extra,
  } satisfies ReceivedMessage;
}

/** Appends under the message's own topic string (the stream passes the index's interned one). */
const keep = (log: MessageLog, m: ReceivedMessage, previousSeq: number) =>
  log.append(m, m.topic, previousSeq);

const limits = (over: Partial<StreamLimits> = {}): StreamLimits => ({ ...DEFAULT_STREAM_LIMITS, ...over });

describe('MessageLog', () => {
  it('keeps the newest messages within the count bound and counts what it evicted', () => {
    const log = new MessageLog(limits({ maxMessages: 100 }));
    for (let i = 0; i < 250; i++) keep(log, message('t', String(i)), 0);
    expect(log.count).toBe(100);
    expect(log.evicted).toBe(150);
    expect(log.firstSeq).toBe(151);
    expect(log.lastSeq).toBe(250);
    expect(new TextDecoder().decode(log.get(151)?.payload)).toBe('150');
    expect(log.get(150)).toBeUndefined();
  });

  it('keeps the byte total within the byte bound', () => {
    const mib = 1024 * 1024;
    const log = new MessageLog(limits({ maxBytes: mib }));
    for (let i = 0; i < 20; i++) keep(log, message('t', new Uint8Array(100 * 1024)), 0);
    expect(log.bytes).toBeLessThanOrEqual(mib);
    expect(log.count).toBe(10);
    expect(log.evicted).toBe(10);
  });

  it('keeps an oversize payload truncated, marked with where it was cut', () => {
    const log = new MessageLog(limits({ maxPayloadBytes: 1024 }));
    const entry = keep(log, message('big', new Uint8Array(5000).fill(7)), 0);
    expect(entry.size).toBe(5000);
    expect(entry.truncatedAt).toBe(1024);
    expect(entry.payload.byteLength).toBe(1024);
    expect(log.truncated).toBe(1);
  });

  it('packs small payloads into shared chunks, and gives the last one of a topic its own bytes on eviction', () => {
    const log = new MessageLog(limits({ maxMessages: 100 }));
    const first = keep(log, message('kept/last', 'first'), 0);
    first.isLast = true;
    expect(first.payload.buffer.byteLength).toBeGreaterThan(first.payload.byteLength);
    for (let i = 0; i < 100; i++) keep(log, message('other', String(i)), 0);
    expect(log.get(1)).toBeUndefined();
    // Evicted, but still the topic index's last message: detached from the chunk, intact.
    expect(first.payload.buffer.byteLength).toBe(5);
    expect(new TextDecoder().decode(first.payload)).toBe('first');
  });

  it('evicts at once when a limit is lowered, and survives compaction', () => {
    const log = new MessageLog(limits({ maxMessages: 100_000 }));
    for (let i = 0; i < 20_000; i++) keep(log, message('t', String(i)), 0);
    log.setLimits(limits({ maxMessages: 100 }));
    expect(log.count).toBe(100);
    expect(log.evicted).toBe(19_900);
    expect(new TextDecoder().decode(log.get(20_000)?.payload)).toBe('19999');
    expect(log.tailAfter(0, 3).map((e) => e.seq)).toEqual([19_998, 19_999, 20_000]);
  });
});

describe('TopicIndex', () => {
  function index(...topics: string[]) {
    const log = new MessageLog(limits());
    const idx = new TopicIndex();
    for (const topic of topics) idx.add(keep(log, message(topic), idx.find(topic)?.last?.seq ?? 0));
    return { idx, log };
  }

  it('counts per topic and keeps subtree totals on every level', () => {
    const { idx } = index('home/kitchen/temp', 'home/kitchen/temp', 'home/hall/temp', 'office');
    expect(idx.find('home/kitchen/temp')).toMatchObject({ messages: 2, total: 2 });
    expect(idx.find('home/kitchen')).toMatchObject({ messages: 0, total: 2 });
    expect(idx.find('home')).toMatchObject({ messages: 0, total: 3 });
    expect(idx.root.total).toBe(4);
    expect(idx.topicCount).toBe(3);
  });

  it('links each message to the previous one on its topic', () => {
    const { idx, log } = index('a', 'b', 'a');
    expect(log.get(3)?.previousSeq).toBe(1);
    expect(idx.find('a')?.last?.seq).toBe(3);
  });

  it('marks retained values, clears them on an empty retained message, and totals them', () => {
    const log = new MessageLog(limits());
    const idx = new TopicIndex();
    const add = (topic: string, payload: string, retain: boolean) =>
      idx.add(keep(log, message(topic, payload, { retain }), 0));
    add('dev/1/state', 'on', true);
    add('dev/2/state', 'off', true);
    add('dev/3/state', 'live', false);
    expect(idx.find('dev')?.retainedBelow).toBe(2);
    expect(idx.retainedAtOrBelow('dev').sort()).toEqual(['dev/1/state', 'dev/2/state']);
    add('dev/1/state', '', true);
    expect(idx.find('dev/1/state')?.retained).toBe(false);
    expect(idx.find('dev')?.retainedBelow).toBe(1);
    idx.forgetRetained('dev/2/state');
    expect(idx.find('dev')?.retainedBelow).toBe(0);
  });

  it('reports each changed node once, oldest change first, in capped pages', () => {
    const { idx } = index('a/x', 'b', 'a/x', 'a/x');
    const all = idx.changesSince(0, 100);
    // 'b' changed before the last changes of 'a' and 'a/x'.
    expect(all.nodes.map((n) => n.path)).toEqual(['b', 'a/x', 'a']);
    expect(all.nodes.find((n) => n.path === 'a/x')).toMatchObject({ messages: 3, total: 3 });
    const first = idx.changesSince(0, 2);
    expect(first.more).toBe(true);
    const rest = idx.changesSince(first.cursor, 2);
    expect([...first.nodes, ...rest.nodes].map((n) => n.path)).toEqual(['b', 'a/x', 'a']);
    expect(rest.more).toBe(false);
    expect(idx.changesSince(rest.cursor, 2).nodes).toEqual([]);
  });

  it('keeps a rate that rises with traffic and decays toward zero', () => {
    const log = new MessageLog(limits());
    const idx = new TopicIndex();
    // 10 messages per second for 10 s.
    for (let i = 0; i < 100; i++) idx.add(keep(log, message('r', 'x', { receivedAt: i * 100 }), 0));
    const node = idx.find('r');
    expect(node?.rate).toBeGreaterThan(8);
    expect(node?.rate).toBeLessThan(12);
  });
});

describe('MessageStream', () => {
  const poll = (stream: MessageStream, over: Partial<Parameters<MessageStream['poll']>[0]> = {}) =>
    stream.poll({ epoch: 1, topicCursor: 0, afterSeq: 0, waitMs: 0, maxTopics: 2000, maxTail: 500, ...over });

  it('coalesces: one poll carries each changed topic once and the newest rows, capped', async () => {
    const stream = new MessageStream('c', limits());
    stream.ingest(Array.from({ length: 5000 }, (_, i) => message(`t/${i % 10}`, String(i))));
    const answer = await poll(stream);
    expect(answer.topics).toHaveLength(11);
    expect(answer.topics.find((t) => t.path === 't')).toMatchObject({ total: 5000 });
    expect(answer.tail).toHaveLength(500);
    expect(answer.tail[0]?.seq).toBe(4501);
    expect(answer.stats).toMatchObject({ received: 5000, count: 5000, firstSeq: 1, lastSeq: 5000 });
    const next = await poll(stream, { topicCursor: answer.topicCursor, afterSeq: 5000 });
    expect(next.topics).toEqual([]);
    expect(next.tail).toEqual([]);
  });

  it('while paused, polls carry counts only; on resume the changes arrive coalesced', async () => {
    const stream = new MessageStream('c', limits());
    stream.ingest([message('a')]);
    const before = await poll(stream);
    stream.setPaused(true);
    stream.ingest([message('a'), message('b')]);
    const paused = await poll(stream, { topicCursor: before.topicCursor, afterSeq: 1 });
    expect(paused.stats).toMatchObject({ paused: true, received: 3 });
    expect(paused.topics).toEqual([]);
    expect(paused.tail).toEqual([]);
    stream.setPaused(false);
    const resumed = await poll(stream, { topicCursor: paused.topicCursor, afterSeq: 1 });
    expect(resumed.tail.map((m) => m.topic)).toEqual(['a', 'b']);
    expect(resumed.topics.map((t) => t.path).sort()).toEqual(['a', 'b']);
  });

  it('clear empties log and index under a new epoch; an old cursor starts over', async () => {
    const stream = new MessageStream('c', limits());
    stream.ingest([message('a'), message('b')]);
    const stats = stream.clear();
    expect(stats).toMatchObject({ epoch: 2, count: 0, received: 0, topics: 0 });
    stream.ingest([message('c')]);
    const answer = await poll(stream, { epoch: 1, topicCursor: 99, afterSeq: 2 });
    expect(answer.stats.epoch).toBe(2);
    expect(answer.tail.map((m) => m.topic)).toEqual(['c']);
    expect(answer.topics.map((t) => t.path)).toEqual(['c']);
  });

  it('a long poll answers as soon as a message arrives', async () => {
    const stream = new MessageStream('c', limits());
    const pending = poll(stream, { waitMs: 5000 });
    stream.ingest([message('late')]);
    expect((await pending).tail.map((m) => m.topic)).toEqual(['late']);
  });

  it('details a message with the previous one on its topic, and says when one was evicted', () => {
    const stream = new MessageStream('c', limits({ maxMessages: 100 }));
    stream.ingest([message('t', '{"v":1}'), message('t', '{"v":2}')]);
    const detail = stream.messageDetail(2, 1024);
    expect(new TextDecoder().decode(detail.payload)).toBe('{"v":2}');
    expect(new TextDecoder().decode(detail.previous?.payload)).toBe('{"v":1}');
    stream.ingest(Array.from({ length: 200 }, () => message('other')));
    expect(() => stream.messageDetail(1, 1024)).toThrow(/no longer kept/);
    // The topic index still has the last message of "t".
    expect(new TextDecoder().decode(stream.topicDetail('t', 1024).payload)).toBe('{"v":2}');
  });

  it('matches kept messages by topic filter', () => {
    const stream = new MessageStream('c', limits());
    stream.ingest([message('a/1'), message('$SYS/x'), message('b/1'), message('a/2')]);
    expect(stream.match({ text: 'a/+', mode: 'wildcard', exclude: [] }).seqs).toEqual([1, 4]);
    expect(stream.match({ text: '', mode: 'substring', exclude: ['$SYS/#'] }).seqs).toEqual([1, 3, 4]);
    expect(() => stream.match({ text: '(', mode: 'regex', exclude: [] })).toThrow(/regular expression/);
  });
});

describe('MessageStream and clear during a long poll', () => {
  it('a poll waiting when the stream is cleared answers for the new epoch, and later topics reach it', async () => {
    const stream = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    stream.ingest(Array.from({ length: 50 }, (_, i) => message(`old/${i}`)));
    const caughtUp = await stream.poll({
      epoch: 1,
      topicCursor: 0,
      afterSeq: 0,
      waitMs: 0,
      maxTopics: 2000,
      maxTail: 500,
    });
    const waiting = stream.poll({
      epoch: 1,
      topicCursor: caughtUp.topicCursor,
      afterSeq: caughtUp.stats.lastSeq,
      waitMs: 5000,
      maxTopics: 2000,
      maxTail: 500,
    });
    stream.clear();
    const answer = await waiting;
    expect(answer.stats.epoch).toBe(2);
    stream.ingest([message('new/topic')]);
    const next = await stream.poll({
      epoch: answer.stats.epoch,
      topicCursor: answer.topicCursor,
      afterSeq: answer.stats.lastSeq,
      waitMs: 0,
      maxTopics: 2000,
      maxTail: 500,
    });
    expect(next.topics.map((t) => t.path)).toEqual(['new/topic', 'new']);
  });
});

describe('export', () => {
  function stream() {
    const s = new MessageStream('c', DEFAULT_STREAM_LIMITS);
    s.ingest([
      message('a/1', '{"v":1}', { receivedAt: Date.UTC(2026, 0, 2, 3, 4, 5) }),
      message('b/1', 'say "hi", then\nbye'),
      message('a/2', new Uint8Array([0xff, 0x00, 0x41])),
    ]);
    return s;
  }

  it('writes JSON Lines, UTF-8 payloads as text and others as base64', () => {
    const result = stream().export('jsonl', undefined);
    expect(result.count).toBe(3);
    const lines = result.content
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({
      seq: 1,
      topic: 'a/1',
      time: '2026-01-02T03:04:05.000Z',
      encoding: 'utf8',
      payload: '{"v":1}',
    });
    expect(lines[2]).toMatchObject({ topic: 'a/2', encoding: 'base64', payload: '/wBB' });
  });

  it('writes CSV with a header and quoted fields, only for matching topics', () => {
    const result = stream().export('csv', { text: 'b/#', mode: 'wildcard' });
    expect(result.count).toBe(1);
    const [header, row] = result.content.split('\n');
    expect(header).toBe('seq,time,topic,qos,retain,size,truncated_at,encoding,payload');
    expect(row).toContain(',b/1,0,false,');
    expect(result.content).toContain('"say ""hi"", then\nbye"');
  });
});

describe('TopicIndex paging under constant change', () => {
  it('a topic that changes all the time is in every page, while the others still come in order', () => {
    const log = new MessageLog(DEFAULT_STREAM_LIMITS);
    const idx = new TopicIndex();
    const add = (topic: string) => idx.add(keep(log, message(topic), 0));
    for (let i = 0; i < 20; i++) add(`cold${i}`);
    add('hot');
    let cursor = 0;
    const seen = new Set<string>();
    for (let page = 0; page < 4; page++) {
      const answer = idx.changesSince(cursor, 5);
      expect(answer.nodes.map((n) => n.path)).toContain('hot');
      for (const n of answer.nodes) seen.add(n.path);
      cursor = answer.cursor;
      add('hot');
    }
    // Four pages of four in order each: the first sixteen cold topics, none skipped.
    expect(Array.from({ length: 16 }, (_, i) => seen.has(`cold${i}`))).toEqual(Array(16).fill(true));
  });
});

describe('TopicIndex paging of a large arrival (issue 18 #6)', () => {
  it('answers as a walk of every change would: the oldest in order, then the newest, for any page size', () => {
    const log = new MessageLog(DEFAULT_STREAM_LIMITS);
    const idx = new TopicIndex();
    const add = (topic: string) => idx.add(keep(log, message(topic), 0));
    for (let i = 0; i < 237; i++) add(`t/${i}`);
    // Change some again so versions have holes and the order differs from creation order.
    for (const i of [3, 100, 5, 236, 0]) add(`t/${i}`);
    // Every change, oldest first, from one page that holds them all (the parent "t" included).
    const order = idx.changesSince(0, 100_000).nodes.map((n) => n.path);
    expect(order).toHaveLength(238);
    expect(order.slice(-3)).toEqual(['t/236', 't/0', 't']);
    for (const max of [1, 4, 7, 50, 236, 237, 500]) {
      const first = idx.changesSince(0, max);
      const hot = Math.floor(max / 5);
      const expected =
        order.length <= max ? order : [...order.slice(0, max - hot), ...order.slice(order.length - hot)];
      expect(
        first.nodes.map((n) => n.path),
        `max ${max}`,
      ).toEqual(expected);
      expect(first.more, `max ${max}`).toBe(order.length > max);
      // Paging on from the cursor reaches every topic exactly in order.
      let cursor = 0;
      const seen: string[] = [];
      for (let page = 0; page < 1000; page++) {
        const answer = idx.changesSince(cursor, max);
        const hotCount = answer.more ? Math.floor(max / 5) : 0;
        seen.push(...answer.nodes.slice(0, answer.nodes.length - hotCount).map((n) => n.path));
        cursor = answer.cursor;
        if (!answer.more) break;
      }
      expect(seen, `max ${max}`).toEqual(order);
    }
  });
});
