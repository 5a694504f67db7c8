/**
 * The message path against a real Mosquitto: bursts from mosquitto_pub over many topics,
 * the topic index's counts and retained markers, eviction and truncation, large and
 * binary payloads, delete-retained. Driven through the contract as the hosts drive it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StreamPollResult } from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  mosquittoPub,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import { mosquittoPubFile, mosquittoPubLines } from '../support/mosquitto-burst';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const WAIT = { timeout: 15_000, interval: 25 };

describe.skipIf(!available)('message stream against a real Mosquitto', () => {
  let broker: MosquittoBroker;
  let engine: Engine;
  let dispatch: Dispatch;
  let dir: string;
  const opened = new Set<string>();

  beforeAll(async () => {
    broker = await startMosquitto();
    engine = createEngine({ host: 'web', version: 'test' });
    dispatch = createDispatch(engine.handlers);
    dir = await mkdtemp(join(tmpdir(), 'mqscope-stream-'));
  });

  afterEach(async () => {
    await Promise.all([...opened].map((connectionId) => dispatch('connection.close', { connectionId })));
    opened.clear();
    await call('stream.setLimits', { maxMessages: 100_000, maxPayloadBytes: 16 * 1024 * 1024 });
  });

  afterAll(async () => {
    await engine?.dispose();
    await broker?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const call = dispatchCall(() => dispatch);

  async function subscribed(filter: string, qos: 0 | 1 | 2 = 1): Promise<string> {
    const status = await call('connection.open', {
      transport: 'mqtt',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
    });
    opened.add(status.connectionId);
    expect(status.state).toBe('connected');
    await call('subscription.add', { connectionId: status.connectionId, filter, qos });
    return status.connectionId;
  }

  /** Polls like the renderer does, following the cursors, until `done` holds for the merged view. */
  async function follow(connectionId: string, done: (view: View) => boolean): Promise<View> {
    const view: View = { topics: new Map(), rows: [], last: null };
    let cursor = 0;
    let afterSeq = 0;
    let epoch = 0;
    return vi.waitFor(async () => {
      const answer: StreamPollResult = await call('stream.poll', {
        connectionId,
        epoch,
        topicCursor: cursor,
        afterSeq,
        maxTail: 5000,
      });
      epoch = answer.stats.epoch;
      cursor = answer.topicCursor;
      for (const node of answer.topics) view.topics.set(node.path, node);
      for (const row of answer.tail) view.rows.push(row);
      afterSeq = answer.stats.lastSeq;
      view.last = answer;
      if (!done(view)) throw new Error(`not yet: ${JSON.stringify(answer.stats)}`);
      return view;
    }, WAIT);
  }

  interface View {
    topics: Map<string, StreamPollResult['topics'][number]>;
    rows: StreamPollResult['tail'];
    last: StreamPollResult | null;
  }

  it('a burst from mosquitto_pub over many topics arrives complete, in order, with the right counts', async () => {
    const id = await subscribed('burst/#');
    const topics = Array.from({ length: 20 }, (_, i) => `burst/dev${i}/value`);
    // 1000 in all: Mosquitto queues at most 1000 QoS 1 messages per subscriber beyond the
    // 20 in flight (max_queued_messages) and drops the rest, which would test the broker.
    const perTopic = 50;
    await Promise.all(
      topics.map((topic) =>
        mosquittoPubLines(
          broker,
          topic,
          Array.from({ length: perTopic }, (_, n) => JSON.stringify({ n })),
        ),
      ),
    );
    const view = await follow(id, (v) => v.topics.get('burst')?.total === topics.length * perTopic);
    expect(view.last?.stats).toMatchObject({ received: 1000, count: 1000, evicted: 0, topics: 20 });
    for (const topic of topics) {
      expect(view.topics.get(topic)).toMatchObject({ messages: perTopic, total: perTopic });
      const payloads = view.rows
        .filter((r) => r.topic === topic)
        .map((r) => (JSON.parse(new TextDecoder().decode(r.preview)) as { n: number }).n);
      expect(payloads).toEqual(Array.from({ length: perTopic }, (_, n) => n));
    }
  });

  it('evicts the oldest beyond the count limit and says how many', async () => {
    await call('stream.setLimits', { maxMessages: 100 });
    const id = await subscribed('evict/#');
    await mosquittoPubLines(
      broker,
      'evict/a',
      Array.from({ length: 300 }, (_, n) => String(n)),
    );
    const view = await follow(id, (v) => v.last?.stats.received === 300);
    expect(view.last?.stats).toMatchObject({ count: 100, evicted: 200, firstSeq: 201, lastSeq: 300 });
    // The topic index still counts every message.
    expect(view.topics.get('evict/a')?.messages).toBe(300);
    await expect(dispatch('messages.detail', { connectionId: id, seq: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('no longer kept') },
    });
  });

  it('keeps a 5 MB payload whole, and serves it in a 1 MB preview or in full', async () => {
    const id = await subscribed('big/#');
    const bytes = new Uint8Array(5 * 1024 * 1024).map((_, i) => i % 251);
    const file = join(dir, 'five-mb.bin');
    await writeFile(file, bytes);
    await mosquittoPubFile(broker, 'big/blob', file);
    const view = await follow(id, (v) => v.rows.some((r) => r.topic === 'big/blob'));
    const row = view.rows.find((r) => r.topic === 'big/blob');
    expect(row).toMatchObject({ size: bytes.byteLength });
    expect(row?.truncatedAt).toBeUndefined();
    const preview = await call('messages.detail', { connectionId: id, seq: row?.seq ?? 0 });
    expect(preview.payload.byteLength).toBe(1024 * 1024);
    const full = await call('messages.detail', {
      connectionId: id,
      seq: row?.seq ?? 0,
      maxBytes: bytes.byteLength,
    });
    // Buffer.equals: a deep toEqual over 5 million elements takes many seconds.
    expect(full.payload.byteLength).toBe(bytes.byteLength);
    expect(Buffer.from(full.payload).equals(Buffer.from(bytes))).toBe(true);
  });

  it('keeps an oversize payload truncated at the configured limit, and marks it', async () => {
    await call('stream.setLimits', { maxPayloadBytes: 1024 });
    const id = await subscribed('cut/#');
    const file = join(dir, 'five-kb.bin');
    await writeFile(file, new Uint8Array(5000).fill(65));
    await mosquittoPubFile(broker, 'cut/x', file);
    const view = await follow(id, (v) => v.rows.length === 1);
    expect(view.rows[0]).toMatchObject({ size: 5000, truncatedAt: 1024 });
    expect(view.last?.stats.truncated).toBe(1);
  });

  it('keeps invalid UTF-8 and binary payloads byte for byte', async () => {
    const id = await subscribed('bin/#');
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x7d]);
    const file = join(dir, 'invalid.bin');
    await writeFile(file, bytes);
    await mosquittoPubFile(broker, 'bin/raw', file);
    const view = await follow(id, (v) => v.rows.length === 1);
    const detail = await call('messages.detail', { connectionId: id, seq: view.rows[0]?.seq ?? 0 });
    expect(new Uint8Array(detail.payload)).toEqual(bytes);
  });

  it('marks retained topics, and delete-retained on a subtree leaves a fresh subscriber nothing there', async () => {
    await mosquittoPub(broker, { topic: 'ret/dev/1/state', message: 'on', retain: true, qos: 1 });
    await mosquittoPub(broker, { topic: 'ret/dev/2/state', message: 'off', retain: true, qos: 1 });
    await mosquittoPub(broker, { topic: 'ret/other', message: 'keep', retain: true, qos: 1 });
    const id = await subscribed('ret/#');
    const view = await follow(id, (v) => v.topics.get('ret')?.retainedBelow === 3);
    expect(view.topics.get('ret/dev/1/state')).toMatchObject({ retained: true });
    expect(view.topics.get('ret/dev')).toMatchObject({ retainedBelow: 2 });

    const result = await call('topics.clearRetained', { connectionId: id, topic: 'ret/dev', subtree: true });
    expect(result.cleared.sort()).toEqual(['ret/dev/1/state', 'ret/dev/2/state']);
    expect(result.failed).toEqual([]);

    // A fresh subscriber gets retained copies right after SUBACK, before any live message:
    // if the first thing it sees is the live ping, nothing retained is left under ret/dev.
    const fresh = await subscribed('ret/#');
    await mosquittoPub(broker, { topic: 'ret/dev/ping', message: 'live', qos: 1 });
    const after = await follow(fresh, (v) => v.rows.some((r) => r.topic === 'ret/dev/ping'));
    expect(after.rows.map((r) => r.topic)).toEqual(['ret/other', 'ret/dev/ping']);
  });

  it('pause freezes what polls carry while counting on; clear starts a new epoch', async () => {
    const id = await subscribed('pause/#');
    await mosquittoPub(broker, { topic: 'pause/a', message: '1', qos: 1 });
    const before = await follow(id, (v) => v.rows.length === 1);
    await call('stream.pause', { connectionId: id, paused: true });
    await mosquittoPubLines(broker, 'pause/a', ['2', '3']);
    const frozen = await vi.waitFor(async () => {
      const answer = await call('stream.poll', {
        connectionId: id,
        epoch: before.last?.stats.epoch ?? 0,
        topicCursor: before.last?.topicCursor ?? 0,
        afterSeq: 1,
      });
      expect(answer.stats.received).toBe(3);
      return answer;
    }, WAIT);
    expect(frozen.stats.paused).toBe(true);
    expect(frozen.tail).toEqual([]);
    await call('stream.pause', { connectionId: id, paused: false });
    const resumed = await call('stream.poll', {
      connectionId: id,
      epoch: frozen.stats.epoch,
      topicCursor: frozen.topicCursor,
      afterSeq: 1,
    });
    expect(resumed.tail.map((r) => new TextDecoder().decode(r.preview))).toEqual(['2', '3']);
    const cleared = await call('stream.clear', { connectionId: id });
    expect(cleared).toMatchObject({ count: 0, received: 0, epoch: frozen.stats.epoch + 1 });
  });
});
