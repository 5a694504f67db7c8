/**
 * Issue 11 (Data #7): the Broker statistics view reads Mosquitto 2.0's own `$SYS` topics. A
 * real Mosquitto with a 1 s sys_interval; the engine subscribes to `$SYS/#`, keeps what
 * arrives, and the figures and their series come from that log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { createDispatch } from '../../electron/host/dispatch';
import { readSysFacts } from '../../src/sys/sys-facts';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  mosquittoPub,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

describe.skipIf(!available)('$SYS figures from a real Mosquitto', () => {
  let broker: MosquittoBroker;
  let engine: Engine;

  beforeAll(async () => {
    broker = await startMosquitto({ sysIntervalSeconds: 1 });
    engine = createEngine({ host: 'web', version: 'test' });
  });

  afterAll(async () => {
    await engine?.dispose();
    await broker?.stop();
  });

  const call = dispatchCall(() => createDispatch(engine.handlers));

  // Data #7: clients, rates from the load averages, bytes, uptime, version, subscriptions, retained.
  it('reads every figure of Mosquitto’s layout, and the numeric ones chart from the log', async () => {
    const status = await call('connection.open', {
      transport: 'mqtt',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
    });
    expect(status.state).toBe('connected');
    const connectionId = status.connectionId;
    await call('subscription.add', { connectionId, filter: '$SYS/#', qos: 0 });
    // Traffic, so the load averages move: an independent client publishes.
    for (let i = 0; i < 5; i++) await mosquittoPub(broker, { topic: 'sys-test/x', message: String(i) });

    const text = new Map<string, string>();
    const last = async (topic: string) => {
      try {
        const detail = await call('topics.detail', { connectionId, topic, maxBytes: 1024 });
        text.set(topic, new TextDecoder().decode(detail.payload));
      } catch {
        text.delete(topic);
      }
    };
    const topics = [
      'version',
      'uptime',
      'clients/connected',
      'load/messages/received/1min',
      'load/messages/sent/1min',
      'load/bytes/received/1min',
      'load/bytes/sent/1min',
      'messages/received',
      'messages/sent',
      'bytes/received',
      'bytes/sent',
      'subscriptions/count',
      'retained messages/count',
    ].map((t) => `$SYS/broker/${t}`);
    // sys_interval 1: a second publication brings the per-interval figures (uptime moves on).
    await expect
      .poll(
        async () => {
          await Promise.all(topics.map(last));
          const found = readSysFacts((t) => text.get(t), undefined).facts;
          // The retained values may predate this client: wait for one that counts it.
          const clients = found.find((f) => f.id === 'clients')?.value;
          return typeof clients === 'number' && clients >= 1 ? found.length : -found.length;
        },
        { timeout: 15_000, interval: 250 },
      )
      .toBe(13);
    const facts = new Map(readSysFacts((t) => text.get(t), undefined).facts.map((f) => [f.id, f]));
    expect(facts.get('version')?.value).toMatch(/^mosquitto version 2\./);
    expect(facts.get('clients')?.value).toBeGreaterThanOrEqual(1);
    expect(facts.get('subscriptions')?.value).toBeGreaterThanOrEqual(1);
    expect(facts.get('uptime')).toMatchObject({ kind: 'duration', chartable: false });
    expect(typeof facts.get('uptime')?.value).toBe('number');
    expect(facts.get('messagesInRate')?.kind).toBe('perSecond');
    expect(facts.get('bytesIn')?.value).toBeGreaterThan(0);

    // "Chart this" on a figure: the engine's series of that topic, one point per publication.
    const clients = facts.get('clients')?.topic ?? '';
    await expect
      .poll(async () => (await call('messages.series', { connectionId, topic: clients })).v.length, {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(1);
    const series = await call('messages.series', { connectionId, topic: clients });
    expect(series.skipped).toBe(0);
    expect(series.v.every((v) => typeof v === 'number')).toBe(true);
    const uptime = await call('messages.series', { connectionId, topic: '$SYS/broker/uptime' });
    expect(uptime.skipped).toBe(uptime.t.length);
  });
});
