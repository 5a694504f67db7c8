/**
 * Issue 11 against a real Mosquitto: payload search over what mosquitto_pub sent, a
 * topic's history, and "copy as mosquitto_pub" run for real and read back with mosquitto_sub.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import { mosquittoPubCommand, mqttjsPublishCall } from '../../src/detail/copy-formats';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  mosquittoSub,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import { mosquittoPubLines, mosquittoPubWithProperties } from '../support/mosquitto-burst';
import { dispatchCall } from '../support/dispatch-call';

const run = promisify(execFile);
const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const WAIT = { timeout: 20_000, interval: 50 };

describe.skipIf(!available)('data views against a real Mosquitto', () => {
  let broker: MosquittoBroker;
  let engine: Engine;
  let dispatch: Dispatch;
  let connectionId = '';

  const call = dispatchCall(() => dispatch);

  const received = async (count: number) =>
    vi.waitFor(async () => {
      const stats = (await call('stream.poll', { connectionId })).stats;
      expect(stats.received).toBeGreaterThanOrEqual(count);
      return stats;
    }, WAIT);

  beforeAll(async () => {
    broker = await startMosquitto();
    engine = createEngine({ host: 'web', version: 'test' });
    dispatch = createDispatch(engine.handlers);
    const status = await call('connection.open', {
      transport: 'mqtt',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
      protocolVersion: '5.0',
    });
    connectionId = status.connectionId;
    await call('subscription.add', { connectionId, filter: 'dv/#', qos: 1 });
  });

  afterAll(async () => {
    await engine?.dispose();
    await broker?.stop();
  });

  // Data #2: a word present only inside one payload among 10,000 is found; topic-only finds nothing.
  it('finds a word inside one payload among 10,000 sent by mosquitto_pub', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) =>
      i === 4_321 ? '{"status":"overheating"}' : `{"t":${i % 50}}`,
    );
    // In batches the broker's default queue (1000 messages per client) can hold.
    for (let i = 0; i < lines.length; i += 1000) {
      await mosquittoPubLines(broker, 'dv/search', lines.slice(i, i + 1000));
      await received(i + 1000);
    }
    const hits = await call('messages.search', { connectionId, payload: { text: 'OVERHEAT' } });
    expect(hits.cancelled).toBe(false);
    expect(hits.seqs).toHaveLength(1);
    const detail = await call('messages.detail', { connectionId, seq: hits.seqs[0] ?? 0 });
    expect(new TextDecoder().decode(detail.payload)).toBe('{"status":"overheating"}');
    const byTopic = await call('messages.match', {
      connectionId,
      match: { text: 'overheat', mode: 'substring', exclude: [] },
    });
    expect(byTopic.seqs).toEqual([]);
    // Data #2 bad input: a regex that does not compile is a clear error, not a crash.
    const bad = await dispatch('messages.search', { connectionId, payload: { text: '(', mode: 'regex' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/regular expression/);
  });

  // Data #3: older/newer walk one topic's history among others'.
  it("walks one topic's kept history", async () => {
    const before = (await received(0)).received;
    await mosquittoPubLines(broker, 'dv/hist/a', ['one', 'two', 'three']);
    await mosquittoPubLines(broker, 'dv/hist/b', ['other']);
    await received(before + 4);
    const a = await call('messages.search', { connectionId, within: 'dv/hist/a' });
    const history = await call('messages.topicHistory', { connectionId, seq: a.seqs[1] ?? 0 });
    expect(history.topic).toBe('dv/hist/a');
    expect(history.seqs).toEqual(a.seqs);
    expect(history.seqs).toHaveLength(3);
  });

  // Data #5: the copied mosquitto_pub command, run as is, sends the same bytes and properties.
  it('copy as mosquitto_pub: the command re-sends the same payload and properties', async () => {
    const before = (await received(0)).received;
    await mosquittoPubWithProperties(broker, 'dv/copy/src', "it's 21.5 °C", [
      ['content-type', 'text/plain'],
      ['user-property', 'room', 'kitchen'],
      ['response-topic', 'dv/reply'],
    ]);
    await received(before + 1);
    const found = await call('messages.search', { connectionId, within: 'dv/copy/src' });
    const detail = await call('messages.detail', { connectionId, seq: found.seqs[0] ?? 0 });
    const command = mosquittoPubCommand(
      { ...detail, topic: 'dv/copy/out' },
      `mqtt://${broker.host}:${broker.ports.mqtt}`,
      true,
    );
    expect(command).toContain("-m 'it'\\''s 21.5 °C'");
    const sub = await mosquittoSub(broker, { topic: 'dv/copy/out', count: 1, qos: 1 });
    // The broker needs a password: the copied command leaves credentials out on purpose.
    await run('bash', ['-c', `${command} -u ${broker.username} -P ${broker.password}`]);
    const [message] = await sub.messages;
    expect(message?.payload).toBe("it's 21.5 °C");
    expect(message?.properties).toMatchObject({
      'content-type': 'text/plain',
      'response-topic': 'dv/reply',
    });
    expect(JSON.stringify(message?.properties)).toContain('kitchen');
    expect(mqttjsPublishCall(detail)).toContain('userProperties: { "room": "kitchen" }');
  });

  // Data #5/#6: a binary payload's command goes through printf and arrives byte for byte.
  it('copy as mosquitto_pub: binary payloads survive the command line', async () => {
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x27, 0x5c, 0x0a]);
    const base = {
      seq: 1,
      topic: 'dv/copy/bin',
      qos: 1 as const,
      retain: false,
      size: bytes.length,
      preview: bytes,
      payload: bytes,
      receivedAt: Date.now(),
      hasProperties: false,
    };
    const command = mosquittoPubCommand(base, `mqtt://${broker.host}:${broker.ports.mqtt}`, true);
    const before = (await received(0)).received;
    await run('bash', ['-c', `${command} -u ${broker.username} -P ${broker.password}`]);
    await received(before + 1);
    const found = await call('messages.search', { connectionId, within: 'dv/copy/bin' });
    const detail = await call('messages.detail', { connectionId, seq: found.seqs[0] ?? 0 });
    expect([...detail.payload]).toEqual([...bytes]);
  });
});
