/**
 * Issue 16 part 3 (Scripts) against a real Mosquitto, with mosquitto_pub/mosquitto_sub -V 5 on
 * the other side: the echo responder, the thermostat device and its will, transforms on kept
 * messages, and the engine's own thread staying responsive while a script spins.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { englishOf } from '../support/english';
import type { EngineEvent, ScriptDraft } from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { ScriptWorker } from '../../electron/engine/scripts/worker-client';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import {
  mosquittoAvailable,
  mosquittoPub,
  mosquittoSub,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import { SCRIPTS_WORKER } from '../support/scripts-worker';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
const WAIT = { timeout: 20_000, interval: 25 };
const example = (name: string) =>
  readFileSync(resolve(__dirname, '../../electron/engine/scripts/guest/examples', name), 'utf8');

describe.skipIf(!available)('scripts against a real Mosquitto', () => {
  let broker: MosquittoBroker;
  let engine: Engine;
  let dispatch: Dispatch;
  let profileId: string;
  let dataDir: string;
  const events: EngineEvent[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
    dataDir = mkdtempSync(join(tmpdir(), 'mqscope-scripts-'));
    engine = createEngine({ host: 'web', version: 'test' }, { dataDir, scriptsWorker: SCRIPTS_WORKER });
    dispatch = createDispatch(engine.handlers);
    engine.onEvent((event) => events.push(event));
    const profile = await call('profiles.save', {
      name: 'thermostat broker',
      options: {
        transport: 'mqtt',
        host: broker.host,
        port: broker.ports.mqtt,
        username: broker.username,
        protocolVersion: '5.0',
        keepaliveSeconds: 5,
        will: {
          topic: 'thermostat/aa-bb-cc/status',
          payload: { format: 'text', text: 'offline' },
          qos: 1,
          retain: false,
        },
      },
      secrets: { password: broker.password },
    });
    profileId = profile.id;
  }, 60_000);

  afterAll(async () => {
    await engine?.dispose();
    await broker?.stop();
  });

  const call = dispatchCall(() => dispatch);

  async function connect(): Promise<string> {
    const status = await call('connection.open', {
      transport: 'mqtt',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
      protocolVersion: '5.0',
    });
    expect(status.state).toBe('connected');
    return status.connectionId;
  }

  async function save(script: ScriptDraft): Promise<string> {
    const list = await call('scripts.save', { profileId, script });
    const saved = list.find((s) => s.name === script.name);
    if (!saved) throw new Error('not saved');
    return saved.id;
  }

  // Scripts #1: scripts are kept with the profile, and read back from disk by a new engine.
  it('saves, lists and deletes scripts per profile', async () => {
    const id = await save({
      name: 'kept',
      source: 'log(1)',
      options: { kind: 'transform', topicPattern: '#' },
    });
    expect((await call('scripts.list', { profileId })).map((s) => s.id)).toContain(id);
    expect(await call('scripts.list', { profileId: 'another-profile' })).toEqual([]);
    const again = createEngine({ host: 'web', version: 'test' }, { dataDir });
    try {
      const listed = await createDispatch(again.handlers)('scripts.list', { profileId });
      expect(listed.ok && listed.value).toEqual([
        expect.objectContaining({ id, name: 'kept', source: 'log(1)' }),
      ]);
    } finally {
      await again.dispose();
    }
    const after = await call('scripts.delete', { profileId, scriptId: id });
    expect(after.map((s) => s.id)).not.toContain(id);
  });

  // Scripts #2: the echo responder answers on the response topic with the correlation data.
  it('echo responder answers requests with their correlation data', async () => {
    const connectionId = await connect();
    await call('subscription.add', { connectionId, filter: 'echo/request/#', qos: 1 });
    const scriptId = await save({
      name: 'echo',
      source: example('echo-responder.js'),
      options: { kind: 'responder', ratePerSecond: 100 },
    });
    const run = await call('scripts.responder.start', { profileId, scriptId, connectionId });
    expect(run.running).toBe(true);
    const replies = await mosquittoSub(broker, { topic: 'echo/reply/#', count: 3, timeoutMs: 20_000 });
    for (const n of [1, 2, 3]) {
      await mosquittoPub(broker, {
        topic: `echo/request/${n}`,
        message: `ping ${n}`,
        qos: 1,
        extraArgs: [
          '-D',
          'publish',
          'response-topic',
          `echo/reply/${n}`,
          '-D',
          'publish',
          'correlation-data',
          `c-${n}`,
        ],
      });
    }
    const got = await replies.messages;
    expect(got.map((m) => [m.topic, m.payload, m.properties?.['correlation-data']]).sort()).toEqual([
      ['echo/reply/1', 'ping 1', 'c-1'],
      ['echo/reply/2', 'ping 2', 'c-2'],
      ['echo/reply/3', 'ping 3', 'c-3'],
    ]);
    await vi.waitFor(async () => {
      const status = (await call('scripts.runs', {})).find((r) => r.scriptId === scriptId);
      expect(status).toMatchObject({ handled: 3, published: 3, rateLimited: 0 });
    }, WAIT);
    // A request without a response topic is not answered: the script says so in its console.
    await mosquittoPub(broker, { topic: 'echo/request/4', message: 'no reply wanted' });
    await vi.waitFor(async () => {
      const lines = await call('scripts.console', { scriptId });
      expect(lines.some((l) => l.level === 'warn' && l.text.includes('echo/request/4'))).toBe(true);
    }, WAIT);
    const stopped = await call('scripts.responder.stop', { scriptId, connectionId });
    expect(stopped.running).toBe(false);
    // The same lines reached the event stream, batched.
    await vi.waitFor(() => {
      const pushed = events.flatMap((e) =>
        e.name === 'scripts.console' && e.payload.scriptId === scriptId ? e.payload.lines : [],
      );
      expect(pushed.some((l) => l.text.includes('echo/request/4'))).toBe(true);
    }, WAIT);
    expect(
      events.some((e) => e.name === 'scripts.run' && e.payload.scriptId === scriptId && !e.payload.running),
    ).toBe(true);
  });

  // Scripts #3: the thermostat registers, reports, answers a command, and its will is sent when it dies.
  it('thermostat device publishes, answers a command and leaves its will', async () => {
    const source = example('thermostat-device.js').replace('const INTERVAL = 2000;', 'const INTERVAL = 100;');
    const scriptId = await save({
      name: 'thermostat',
      source,
      options: { kind: 'device', profileId, clientId: 'aa-bb-cc' },
    });
    const register = await mosquittoSub(broker, {
      topic: 'thermostat/register',
      count: 1,
      qos: 1,
      timeoutMs: 20_000,
    });
    const temperature = await mosquittoSub(broker, {
      topic: 'thermostat/aa-bb-cc/temperature',
      count: 3,
      timeoutMs: 20_000,
    });
    const run = await call('scripts.device.start', { profileId, scriptId });
    expect(run).toMatchObject({ running: true, connected: true });
    expect(JSON.parse((await register.messages)[0]?.payload ?? '')).toEqual({
      mac: 'aa-bb-cc',
      model: 'MQScope T-1',
    });
    const temps = (await temperature.messages).map(
      (m) => JSON.parse(m.payload) as { mac: string; temp: number },
    );
    expect(temps.every((t) => t.mac === 'aa-bb-cc' && typeof t.temp === 'number')).toBe(true);

    const ack = await mosquittoSub(broker, {
      topic: 'thermostat/aa-bb-cc/ack',
      count: 1,
      qos: 1,
      timeoutMs: 20_000,
    });
    // The device subscribed during its load; wait until the broker has it before commanding.
    await broker.waitForLog(/aa-bb-cc 1 thermostat\/aa-bb-cc/);
    await mosquittoPub(broker, { topic: 'thermostat/aa-bb-cc', message: '{"target":25}', qos: 1 });
    expect(JSON.parse((await ack.messages)[0]?.payload ?? '')).toEqual({ ok: true, target: 25 });

    const will = await mosquittoSub(broker, {
      topic: 'thermostat/aa-bb-cc/status',
      count: 1,
      qos: 1,
      timeoutMs: 20_000,
    });
    const stopped = await call('scripts.device.stop', { scriptId, abrupt: true });
    expect(stopped.running).toBe(false);
    const wills = await will.messages.catch((error: unknown) => {
      // Say what the broker saw of the device, for a failure on a loaded machine.
      const seen = broker
        .log()
        .split('\n')
        .filter((line) => line.includes('aa-bb-cc'));
      throw new Error(`${String(error)}\nbroker log for aa-bb-cc:\n${seen.slice(-20).join('\n')}`);
    });
    expect(wills[0]?.payload).toBe('offline');
  });

  // Scripts #14: the rate limit counts what it skips; closing the connection stops its responders.
  it('rate-limits a responder and stops it when its connection closes', async () => {
    const connectionId = await connect();
    await call('subscription.add', { connectionId, filter: 'limited/#', qos: 1 });
    const scriptId = await save({
      name: 'limited',
      source: "on('limited/#', (m) => log('got', m.topic));",
      options: { kind: 'responder', ratePerSecond: 1 },
    });
    await call('scripts.responder.start', { profileId, scriptId, connectionId });
    // Five requests in one burst from one client: they arrive within milliseconds.
    const burst = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.ports.mqtt}`, {
      username: broker.username,
      password: broker.password,
    });
    await Promise.all([1, 2, 3, 4, 5].map((n) => burst.publishAsync(`limited/${n}`, 'x', { qos: 1 })));
    await burst.endAsync();
    const status = async () => (await call('scripts.runs', {})).find((r) => r.scriptId === scriptId);
    await vi.waitFor(async () => {
      const run = await status();
      expect((run?.handled ?? 0) + (run?.rateLimited ?? 0)).toBe(5);
    }, WAIT);
    // At 1 per second: one handled (two if the burst straddled a window), the rest counted as skipped.
    const run = await status();
    expect(run?.handled).toBeLessThanOrEqual(2);
    expect(run?.rateLimited).toBeGreaterThanOrEqual(3);
    await vi.waitFor(async () => {
      const lines = await call('scripts.console', { scriptId });
      expect(lines.filter((l) => l.text.startsWith('got limited/'))).toHaveLength(run?.handled ?? -1);
    }, WAIT);
    await call('connection.close', { connectionId });
    await vi.waitFor(async () => {
      expect(await status()).toMatchObject({ running: false, stopped: { key: 'scripts.connectionEnded' } });
    }, WAIT);
  });

  // Scripts #4: transforms run on demand over kept messages; errors carry their line.
  it('transforms kept messages on demand only, with line numbers for errors', async () => {
    const spy = vi.spyOn(ScriptWorker.prototype, 'transform');
    const connectionId = await connect();
    await call('subscription.add', { connectionId, filter: 'sensor/#', qos: 1 });
    await save({
      name: 'celsius',
      source: example('json-transform.js'),
      options: { kind: 'transform', topicPattern: 'sensor/#' },
    });
    for (const message of ['{"temp":20}', '{"temp":100}', 'not json']) {
      await mosquittoPub(broker, { topic: 'sensor/a', message, qos: 1 });
    }
    let seqs: number[] = [];
    await vi.waitFor(async () => {
      const poll = await call('stream.poll', { connectionId });
      seqs = poll.tail.map((m) => m.seq);
      expect(seqs).toHaveLength(3);
    }, WAIT);
    // Ingest ran no transform: they run only when asked.
    expect(spy).not.toHaveBeenCalled();
    const scriptId = (await call('scripts.list', { profileId })).find((s) => s.name === 'celsius')?.id ?? '';
    const results = await call('scripts.transform', { connectionId, seqs, profileId, scriptId });
    expect(results).toEqual([
      { seq: seqs[0], ok: true, value: { celsius: 20, fahrenheit: 68, topic: 'sensor/a' } },
      { seq: seqs[1], ok: true, value: { celsius: 100, fahrenheit: 212, topic: 'sensor/a' } },
      { seq: seqs[2], ok: true, value: null },
    ]);
    const failing = await call('scripts.transform', {
      connectionId,
      seqs,
      source: 'transform((m) => {\n  const t = m.json.temp;\n  return t * 2;\n});',
    });
    expect(failing[0]).toEqual({ seq: seqs[0], ok: true, value: 40 });
    expect(failing[2]).toMatchObject({ ok: false, error: { line: 2 } });
    // A message the log no longer keeps (or never had) is answered, not skipped.
    const gone = await call('scripts.transform', {
      connectionId,
      seqs: [999_999],
      source: 'transform(() => 1)',
    });
    expect(gone).toEqual([
      {
        seq: 999_999,
        ok: false,
        error: {
          message: 'scripts.error.notKept',
          text: { key: 'scripts.error.notKept', params: { seq: 999_999 } },
        },
      },
    ]);
    expect(spy).toHaveBeenCalledTimes(3);
    spy.mockRestore();
  });

  // Scripts #5: a spinning responder is stopped at its limit, in the worker: the engine's thread stays free.
  it('keeps the engine responsive while a responder spins until its time limit', async () => {
    const connectionId = await connect();
    await call('subscription.add', { connectionId, filter: 'spin/#', qos: 0 });
    const scriptId = await save({
      name: 'spinner',
      source: "on('spin/#', () => {\n  while (true) {}\n});",
      options: { kind: 'responder', ratePerSecond: 1000 },
    });
    await call('scripts.responder.start', { profileId, scriptId, connectionId });
    const other = await connect();
    // How long this (the engine's) thread was blocked: the sum of its timer's gaps longer than
    // 50 ms (shorter ones are a loaded machine's scheduling). Thirty spins of 100 ms run
    // meanwhile; on this thread each would be such a gap, >= 3,000 ms in all.
    let blocked = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      if (now - last > 50) blocked += now - last;
      last = now;
    }, 5);
    const sender = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.ports.mqtt}`, {
      username: broker.username,
      password: broker.password,
    });
    for (let i = 0; i < 30; i++) sender.publish(`spin/${i}`, 'go');
    // Meanwhile the other connection publishes QoS 1 and gets its PUBACKs.
    for (let i = 0; i < 10; i++) {
      const result = await call('message.publish', {
        connectionId: other,
        topic: 'elsewhere',
        payload: 'x',
        qos: 1,
      });
      expect(englishOf(result.outcome)).toMatch(/PUBACK/);
    }
    await vi.waitFor(async () => {
      const lines = await call('scripts.console', { scriptId });
      expect(lines.filter((l) => l.said?.key === 'scripts.error.time').length).toBe(30);
    }, WAIT);
    clearInterval(ticker);
    await sender.endAsync();
    const status = (await call('scripts.runs', {})).find((r) => r.scriptId === scriptId);
    // For an interrupt QuickJS names the line where the running function starts.
    expect(status?.lastError).toMatchObject({ limit: 'time', line: 1 });
    // Half the blocking the spins alone would cause on this thread, on a machine shared by others.
    expect(blocked).toBeLessThan(1500);
  });
});
