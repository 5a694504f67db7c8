/**
 * The broker harness itself, since every broker-backed suite (integration and end to end)
 * trusts it: four authenticated listeners, TLS that really verifies, third-party clients that
 * see what they should, and a stop() that leaves nothing behind.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import mqtt, { type IClientOptions } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  mosquittoPub,
  mosquittoSub,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

interface Outcome {
  connected: boolean;
  error?: string;
  code?: unknown;
}

/** Connects with mqtt.js once (no retries) and reports how it went. */
function tryConnect(url: string, options: IClientOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, {
      protocolVersion: 5,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...options,
    });
    client.once('connect', () => {
      client.end(() => resolve({ connected: true }));
    });
    client.once('error', (error: Error & { code?: unknown }) => {
      client.end(true);
      resolve({ connected: false, error: error.message, code: error.code });
    });
  });
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe.skipIf(!available)('the Mosquitto test harness', () => {
  let broker: MosquittoBroker;

  beforeAll(async () => {
    broker = await startMosquitto();
  });

  afterAll(async () => {
    await broker?.stop();
  });

  function urls() {
    return {
      mqtt: `mqtt://127.0.0.1:${broker.ports.mqtt}`,
      ws: `ws://127.0.0.1:${broker.ports.ws}/mqtt`,
      mqtts: `mqtts://localhost:${broker.ports.mqtts}`,
      wss: `wss://localhost:${broker.ports.wss}/mqtt`,
    };
  }

  it('gives five distinct ports and makes its files readable by the dropped mosquitto user', async () => {
    expect(new Set(Object.values(broker.ports)).size).toBe(5);
    expect(statSync(broker.dir).mode & 0o777).toBe(0o755);
    for (const name of await readdir(broker.dir)) {
      // data/ is where the broker writes its persistence file.
      const expected = name === 'data' ? 0o777 : 0o644;
      expect(statSync(join(broker.dir, name)).mode & 0o777, name).toBe(expected);
    }
    expect(broker.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('accepts the generated user on every listener, verifying TLS against the test CA', async () => {
    const credentials = { username: broker.username, password: broker.password, ca: broker.caPem };
    for (const [name, url] of Object.entries(urls())) {
      expect(await tryConnect(url, credentials), name).toEqual({ connected: true });
    }
    // The certificate names the IP address too.
    expect(await tryConnect(`mqtts://127.0.0.1:${broker.ports.mqtts}`, credentials)).toEqual({
      connected: true,
    });
  });

  it('refuses anonymous clients and wrong passwords on every listener', async () => {
    for (const [name, url] of Object.entries(urls())) {
      const anonymous = await tryConnect(url, { ca: broker.caPem });
      expect(anonymous.connected, name).toBe(false);
      expect(anonymous.code, name).toBe(0x87);
      const wrong = await tryConnect(url, { username: broker.username, password: 'nope', ca: broker.caPem });
      expect(wrong.code, name).toBe(0x87);
    }
  });

  it('does not let a client trust the server without the test CA', async () => {
    const outcome = await tryConnect(urls().mqtts, { username: broker.username, password: broker.password });
    expect(outcome.connected).toBe(false);
    expect(outcome.error).toMatch(/self[- ]signed certificate/i);
  });

  it('carries mosquitto_pub to mosquitto_sub over TLS, UTF-8 and newlines intact', async () => {
    const subscriber = await mosquittoSub(broker, {
      topic: 'harness/#',
      count: 2,
      qos: 1,
      transport: 'mqtts',
    });
    const long = `${'ü✓'.repeat(5000)}\nend`;
    await mosquittoPub(broker, { topic: 'harness/a', message: 'plain', qos: 1 });
    await mosquittoPub(broker, { topic: 'harness/b', message: long, qos: 2, transport: 'mqtts' });
    const messages = await subscriber.messages;
    expect(messages.map(({ topic, payload, qos, retain }) => ({ topic, payload, qos, retain }))).toEqual([
      { topic: 'harness/a', payload: 'plain', qos: 1, retain: false },
      { topic: 'harness/b', payload: long, qos: 1, retain: false },
    ]);
  });

  it('reports a failing third-party client with its own words', async () => {
    await expect(
      mosquittoPub({ ...broker, password: 'nope' }, { topic: 'harness/x', message: 'x', timeoutMs: 5000 }),
    ).rejects.toThrow(/not authori[sz]ed/i);
    await expect(
      mosquittoSub({ ...broker, password: 'nope' }, { topic: 'harness/#', count: 1, timeoutMs: 5000 }),
    ).rejects.toThrow(/not authori[sz]ed/i);
  });

  it('stops: the ports close and the temp dir is gone', async () => {
    const own = await startMosquitto();
    expect(existsSync(own.dir)).toBe(true);
    await own.stop();
    expect(existsSync(own.dir)).toBe(false);
    for (const port of Object.values(own.ports)) expect(await refusesConnections(port)).toBe(true);
    // Stopping twice is harmless (afterAll hooks may run after a test already stopped it).
    await own.stop();
  });
});
