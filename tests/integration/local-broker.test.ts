/**
 * The built-in local broker (aedes) driven through the contract as the hosts drive it, with
 * real third-party clients on the other side: mosquitto_pub / mosquitto_sub over TCP (they
 * cannot speak WebSocket), mqtt.js over WebSocket, and MQScope's own engine over both.
 */
import { createServer, type Server } from 'node:net';
import { englishOf } from '../support/english';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  ConnectOptions,
  ConnectionStatus,
  EngineEvent,
  LocalBrokerActivity,
  LocalBrokerStatus,
  ReceivedMessage,
  RequestInput,
} from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { STOP_REASON } from '../../electron/engine/local-broker';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import { receivedMessages } from '../support/engine-log';
import { localPub, localSub } from '../support/local-broker-tools';
import { MOSQUITTO_MISSING, freePort, mosquittoAvailable } from '../support/mosquitto';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const WAIT = { timeout: 10_000, interval: 20 };
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe.skipIf(!available)('local broker', () => {
  let engine: Engine;
  let dispatch: Dispatch;
  let ports: { tcpPort: number; wsPort: number };
  const events: EngineEvent[] = [];
  const opened = new Set<string>();

  const call = dispatchCall(() => dispatch);

  async function start(extra: RequestInput<'localBroker.start'> = {}): Promise<LocalBrokerStatus> {
    const status = await call('localBroker.start', { ...ports, ...extra });
    expect(status, JSON.stringify(status.problem)).toMatchObject({ state: 'running' });
    return status;
  }

  async function connect(extra: Partial<ConnectOptions> = {}): Promise<string> {
    const status = await call('connection.open', {
      transport: 'mqtt',
      host: '127.0.0.1',
      port: ports.tcpPort,
      ...extra,
    });
    opened.add(status.connectionId);
    expect(status, JSON.stringify(status.problem)).toMatchObject({ state: 'connected' });
    return status.connectionId;
  }

  function received(connectionId: string, topic: string): Promise<ReceivedMessage[]> {
    return receivedMessages(dispatch, connectionId, topic);
  }

  function nextOn(connectionId: string, topic: string, nth = 0): Promise<ReceivedMessage> {
    return vi.waitFor(async () => {
      const message = (await received(connectionId, topic))[nth];
      if (!message) throw new Error(`${connectionId} has no message ${nth} on ${topic} yet`);
      return message;
    }, WAIT);
  }

  function lastStatus(connectionId: string): ConnectionStatus | undefined {
    return events
      .flatMap((e) =>
        e.name === 'connection.status' && e.payload.connectionId === connectionId ? [e.payload] : [],
      )
      .at(-1);
  }

  function activities(): LocalBrokerActivity[] {
    return events.flatMap((e) => (e.name === 'localBroker.activity' ? [e.payload] : []));
  }

  beforeAll(() => {
    engine = createEngine({ host: 'web', version: 'test' });
    dispatch = createDispatch(engine.handlers);
    engine.onEvent((event) => events.push(event));
  });

  afterEach(async () => {
    await Promise.all([...opened].map((connectionId) => dispatch('connection.close', { connectionId })));
    opened.clear();
    await call('localBroker.stop', {});
  });

  afterAll(async () => {
    await engine?.dispose();
  });

  // Each test gets its own free ports: files run in parallel.
  beforeAll(async () => {
    const tcpPort = await freePort();
    let wsPort = await freePort();
    while (wsPort === tcpPort) wsPort = await freePort();
    ports = { tcpPort, wsPort };
  });

  it('is off until started, and reports its listeners on 127.0.0.1 once running', async () => {
    expect(await call('localBroker.status', {})).toMatchObject({ state: 'stopped' });
    const status = await start();
    expect(status.listeners).toEqual({ bindAddress: '127.0.0.1', ...ports, wsPath: '/mqtt' });
    expect(status.protocolVersions).toContain('5');
  });

  it('interoperates over TCP: mosquitto_pub to the engine, the engine to mosquitto_sub (3.1.1 and 5)', async () => {
    await start();
    const connectionId = await connect();
    await call('subscription.add', { connectionId, filter: 'interop/#', qos: 1 });

    await localPub({ port: ports.tcpPort, topic: 'interop/from-cli', message: 'hello engine' });
    expect(text((await nextOn(connectionId, 'interop/from-cli')).payload)).toBe('hello engine');

    const v311 = await localSub({ port: ports.tcpPort, topic: 'interop/to-cli', count: 1 });
    const v5 = await localSub({ port: ports.tcpPort, topic: 'interop/to-cli', count: 1, version: 'mqttv5' });
    await call('message.publish', {
      connectionId,
      topic: 'interop/to-cli',
      payload: '{"from":"engine"}',
      qos: 1,
    });
    expect((await v311.messages)[0]).toMatchObject({ topic: 'interop/to-cli', payload: '{"from":"engine"}' });
    expect((await v5.messages)[0]).toMatchObject({ topic: 'interop/to-cli', payload: '{"from":"engine"}' });
  });

  it('interoperates over WebSocket: the engine and mqtt.js on /mqtt, mosquitto_pub over TCP', async () => {
    await start();
    const connectionId = await connect({ transport: 'ws', port: ports.wsPort, path: '/mqtt' });
    await call('subscription.add', { connectionId, filter: 'ws/#', qos: 0 });

    const browserLike = await mqtt.connectAsync(`ws://127.0.0.1:${ports.wsPort}/mqtt`, {
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    try {
      const got = new Promise<string>((resolve) =>
        browserLike.on('message', (_t, payload) => resolve(payload.toString())),
      );
      await browserLike.subscribeAsync('ws/#');
      await localPub({ port: ports.tcpPort, topic: 'ws/device', message: 'over tcp' });
      expect(await got).toBe('over tcp');
      expect(text((await nextOn(connectionId, 'ws/device')).payload)).toBe('over tcp');

      const clients = await call('localBroker.clients', {});
      expect(clients.filter((c) => c.transport === 'ws')).toHaveLength(2);
    } finally {
      await browserLike.endAsync();
    }
  });

  it('delivers QoS 0, 1 and 2 at the QoS asked for', async () => {
    await start();
    const connectionId = await connect();
    await call('subscription.add', { connectionId, filter: 'qos/#', qos: 2 });
    for (const qos of [0, 1, 2] as const) {
      await localPub({ port: ports.tcpPort, topic: `qos/${qos}`, message: `q${qos}`, qos });
      expect(await nextOn(connectionId, `qos/${qos}`)).toMatchObject({ qos });
    }
    const sub = await localSub({ port: ports.tcpPort, topic: 'qos/back', qos: 2, count: 1 });
    await call('message.publish', { connectionId, topic: 'qos/back', payload: 'exactly once', qos: 2 });
    expect((await sub.messages)[0]).toMatchObject({ payload: 'exactly once', qos: 2 });
  });

  it('keeps a retained message across a reconnect, lists it, and deletes it', async () => {
    await start();
    await localPub({ port: ports.tcpPort, topic: 'retained/lamp', message: 'on', retain: true, qos: 1 });

    for (let round = 0; round < 2; round++) {
      const connectionId = await connect();
      await call('subscription.add', { connectionId, filter: 'retained/#', qos: 1 });
      expect(await nextOn(connectionId, 'retained/lamp')).toMatchObject({ retain: true });
      await call('connection.close', { connectionId });
      opened.delete(connectionId);
    }

    const list = await call('localBroker.retained', {});
    expect(list.total).toBe(1);
    expect(list.messages[0]).toMatchObject({ topic: 'retained/lamp', size: 2, qos: 1 });
    expect(text(list.messages[0]?.preview ?? new Uint8Array())).toBe('on');

    await call('localBroker.deleteRetained', { topic: 'retained/lamp' });
    expect(await call('localBroker.retained', {})).toEqual({ messages: [], total: 0 });
    const connectionId = await connect();
    await call('subscription.add', { connectionId, filter: 'retained/#', qos: 1 });
    // A marker published after the subscription proves the retained message would have come first.
    await localPub({ port: ports.tcpPort, topic: 'retained/marker', message: 'x' });
    await nextOn(connectionId, 'retained/marker');
    expect(await received(connectionId, 'retained/lamp')).toEqual([]);
  });

  it('fires the will of a client whose socket drops, and lists its will topic and keepalive', async () => {
    await start();
    const watcher = await connect();
    await call('subscription.add', { connectionId: watcher, filter: 'wills/#', qos: 1 });

    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${ports.tcpPort}`, {
      clientId: 'will-device',
      keepalive: 30,
      reconnectPeriod: 0,
      will: { topic: 'wills/device', payload: Buffer.from('gone'), qos: 1, retain: false },
    });
    await vi.waitFor(async () => {
      const clients = await call('localBroker.clients', {});
      expect(clients.find((c) => c.clientId === 'will-device')).toMatchObject({
        willTopic: 'wills/device',
        keepaliveSeconds: 30,
        transport: 'tcp',
        address: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      });
    }, WAIT);
    device.stream.destroy();
    expect(text((await nextOn(watcher, 'wills/device')).payload)).toBe('gone');
    device.end(true);
  });

  it('times a silent client out at 1.5 × its keepalive and fires its will', async () => {
    await start();
    const watcher = await connect();
    await call('subscription.add', { connectionId: watcher, filter: 'silent/#', qos: 1 });
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${ports.tcpPort}`, {
      keepalive: 2,
      reconnectPeriod: 0,
      will: { topic: 'silent/device', payload: Buffer.from('timed out'), qos: 1, retain: false },
    });
    // Corked: nothing more leaves the client, not even PINGREQ, but its socket stays open.
    device.stream.cork();
    const silentSince = Date.now();
    await nextOn(watcher, 'silent/device');
    const elapsed = Date.now() - silentSince;
    expect(elapsed).toBeGreaterThanOrEqual(2900);
    expect(elapsed).toBeLessThan(5000);
    device.stream.destroy();
    device.end(true);
  });

  it('refuses a busy port with a sentence that names the next free port, which then works', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(ports.tcpPort, '127.0.0.1', resolve));
    try {
      const status = await call('localBroker.start', ports);
      expect(status.state).toBe('failed');
      expect(status.problem?.code).toBe('EADDRINUSE');
      expect(englishOf(status.problem)).toContain(`Port ${ports.tcpPort} (TCP) is already in use`);
      const suggested = status.suggestedPorts;
      expect(suggested).toBeDefined();
      expect(suggested?.tcpPort).not.toBe(ports.tcpPort);
      expect(englishOf(status.problem)).toContain(`Port ${suggested?.tcpPort} is free`);
      const retry = await call('localBroker.start', { ...suggested });
      expect(retry, JSON.stringify(retry.problem)).toMatchObject({ state: 'running' });
    } finally {
      squatter.close();
    }
  });

  it('asks for the user name and password when they are set', async () => {
    await start({ username: 'alice', password: 's3cret' });
    const wrong = await call('connection.open', {
      transport: 'mqtt',
      host: '127.0.0.1',
      port: ports.tcpPort,
      username: 'alice',
      password: 'nope',
    });
    opened.add(wrong.connectionId);
    expect(wrong.state).toBe('failed');
    expect(englishOf(wrong.problem)).toMatch(/user name or password/);
    await connect({ username: 'alice', password: 's3cret' });
  });

  it('stops cleanly: clients are disconnected, ours with the reason "local broker stop"', async () => {
    await start();
    const connectionId = await connect();
    const legacy = await mqtt.connectAsync(`mqtt://127.0.0.1:${ports.tcpPort}`, {
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    const legacyClosed = new Promise<void>((resolve) => legacy.once('close', () => resolve()));

    const stopped = await call('localBroker.stop', {});
    expect(stopped.state).toBe('stopped');
    await vi.waitFor(() => {
      const status = lastStatus(connectionId);
      expect(status?.state).toBe('disconnected');
      expect(englishOf(status?.problem)).toContain(STOP_REASON);
      expect(status?.problem?.code).toBe('DISCONNECT 0x8b');
    }, WAIT);
    // A 3.1.1 client has no server DISCONNECT: it sees its connection closed.
    await legacyClosed;
    legacy.end(true);
    expect(await call('localBroker.clients', {})).toEqual([]);
    // The ports are free again: it can start once more on the same ones.
    await start();
  });

  it('counts messages and bytes, in batched activity events', async () => {
    await start();
    const connectionId = await connect();
    await call('subscription.add', { connectionId, filter: 'count/#', qos: 0 });
    const before = events.length;
    for (let i = 0; i < 50; i++) {
      await call('message.publish', { connectionId, topic: `count/${i}`, payload: 'x'.repeat(100), qos: 0 });
    }
    await vi.waitFor(() => {
      const last = activities().at(-1);
      expect(last?.messagesIn).toBeGreaterThanOrEqual(50);
      expect(last?.messagesOut).toBeGreaterThanOrEqual(50);
      expect(last?.bytesIn).toBeGreaterThan(50 * 100);
      expect(last?.bytesOut).toBeGreaterThan(50 * 100);
      expect(last?.clientCount).toBe(1);
    }, WAIT);
    // 50 messages in and 50 out, but only a few pushes: counters travel in batches.
    const pushed = events.slice(before).filter((e) => e.name === 'localBroker.activity').length;
    expect(pushed).toBeLessThan(20);
  });

  it('binds to every interface only when asked', async () => {
    const status = await start({ bindAllInterfaces: true });
    expect(status.listeners?.bindAddress).toBe('0.0.0.0');
  });
});
