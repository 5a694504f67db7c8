/**
 * The engine against a real Mosquitto 2.0.11, driven through the contract exactly as the
 * hosts drive it (createDispatch over engine.handlers), with real third-party clients
 * (mosquitto_pub, mosquitto_sub) on the other side. No mocks, no sleeps: every wait is a
 * bounded poll for a condition.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { englishOf } from '../support/english';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectOptions, ConnectionStatus, ReceivedMessage } from '../../electron/contract';
import { createEngine } from '../../electron/engine';
import { createDispatch } from '../../electron/host/dispatch';
import { receivedMessages } from '../support/engine-log';
import { useEngineSession } from '../support/engine-session';
import {
  MOSQUITTO_MISSING,
  freePort,
  mosquittoAvailable,
  mosquittoPub,
  mosquittoSub,
  startMosquitto,
} from '../support/mosquitto';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

/** Long enough for a loaded CI machine, short enough to fail clearly. */
const WAIT = { timeout: 10_000, interval: 20 };

const bytes = (text: string) => new TextEncoder().encode(text);

describe.skipIf(!available)('engine against a real Mosquitto', () => {
  const session = useEngineSession();
  const { call, callError, open, openConnected, opened, events } = session;
  const tcp = session.tcp;
  const statusEvents = session.statusesOf;

  function ws(extra: Partial<ConnectOptions> = {}): ConnectOptions {
    return tcp({ transport: 'ws', port: session.broker.ports.ws, path: '/mqtt', ...extra });
  }

  /** Every message the connection's log holds, read back through the contract. */
  function received(connectionId: string, topic?: string): Promise<ReceivedMessage[]> {
    return receivedMessages(session.dispatch, connectionId, topic);
  }

  /** Waits until `connectionId` has received a message on `topic`, and returns it. */
  async function nextOn(connectionId: string, topic: string): Promise<ReceivedMessage> {
    return vi.waitFor(async () => {
      const [message] = await received(connectionId, topic);
      if (!message) throw new Error(`${connectionId} has received nothing on ${topic} yet`);
      return message;
    }, WAIT);
  }

  // -------------------------------------------------------------------------------------

  it('answers app.info through the contract', async () => {
    expect(await call('app.info', {})).toEqual({ host: 'web', version: 'test' });
  });

  it('connects over TCP and reports connecting, then connected', async () => {
    const status = await open(tcp());
    expect(status).toMatchObject({
      state: 'connected',
      reason: { key: 'state.connected' },
      url: `mqtt://${session.broker.host}:${session.broker.ports.mqtt}`,
    });
    expect(status.problem).toBeUndefined();
    expect(status.clientId).toMatch(/^mqscope_[0-9a-f]{8}$/);
    expect(statusEvents(status.connectionId).map((s) => s.state)).toEqual(['connecting', 'connected']);
    // The broker saw the same client, authenticated as our user, speaking MQTT 5.
    await session.broker.waitForLog(
      new RegExp(`as ${status.clientId} \\(p5, .*u'${session.broker.username}'\\)`),
    );

    const list = await call('connection.list', {});
    expect(list.find((s) => s.connectionId === status.connectionId)?.state).toBe('connected');
  });

  it('connects over WebSocket with a path, and carries messages over it', async () => {
    const status = await open(ws({ clientId: 'mqscope-ws-test' }));
    expect(status).toMatchObject({
      state: 'connected',
      url: `ws://${session.broker.host}:${session.broker.ports.ws}/mqtt`,
      clientId: 'mqscope-ws-test',
    });
    const id = status.connectionId;
    await call('subscription.add', { connectionId: id, filter: 'demo/ws/#' });
    await mosquittoPub(session.broker, { topic: 'demo/ws/1', message: 'over websocket' });
    expect((await nextOn(id, 'demo/ws/1')).payload).toEqual(bytes('over websocket'));
  });

  it('subscribes to demo/# and receives its own message with topic, bytes, QoS and retain', async () => {
    const id = await openConnected(tcp());
    expect(await call('subscription.add', { connectionId: id, filter: 'demo/#', qos: 1 })).toMatchObject({
      filter: 'demo/#',
      state: 'active',
      grantedQos: 1,
      reasonCode: 1,
      reasonText: { key: 'suback.granted', params: { qos: 1 } },
    });

    const before = Date.now();
    const payload = '{"temperature":21.5,"unit":"°C"}';
    const result = await call('message.publish', { connectionId: id, topic: 'demo/own', payload, qos: 1 });
    expect(result.messageId).toEqual(expect.any(Number));

    const message = await nextOn(id, 'demo/own');
    expect(message.payload).toBeInstanceOf(Uint8Array);
    expect(message.payload).toEqual(bytes(payload));
    expect(message.qos).toBe(1);
    // A live delivery: the broker clears the retain flag for messages it forwards as they arrive.
    expect(message.retain).toBe(false);
    expect(message.receivedAt).toBeGreaterThanOrEqual(before);
    expect(message.receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it('publishes QoS 0 without a packet id', async () => {
    const id = await openConnected(tcp());
    expect(await call('message.publish', { connectionId: id, topic: 'demo/q0', payload: 'x' })).toEqual({
      outcome: { key: 'publish.sentQos0', params: {} },
    });
  });

  it('delivers a retained message with retain set to a later subscriber, and clears it', async () => {
    const publisher = await openConnected(tcp());
    await call('message.publish', {
      connectionId: publisher,
      topic: 'demo/retained/state',
      payload: 'on',
      qos: 1,
      retain: true,
    });

    const subscriber = await openConnected(ws());
    await call('subscription.add', { connectionId: subscriber, filter: 'demo/#', qos: 2 });
    const message = await nextOn(subscriber, 'demo/retained/state');
    expect(message).toMatchObject({ retain: true, qos: 1, payload: bytes('on') });

    // An empty retained message clears it; the live copy still reaches the subscriber.
    await call('message.publish', {
      connectionId: publisher,
      topic: 'demo/retained/state',
      payload: '',
      qos: 1,
      retain: true,
    });
    await vi.waitFor(
      async () => expect(await received(subscriber, 'demo/retained/state')).toHaveLength(2),
      WAIT,
    );
    expect((await received(subscriber, 'demo/retained/state'))[1]?.payload).toEqual(new Uint8Array());

    const late = await openConnected(tcp());
    await call('subscription.add', { connectionId: late, filter: 'demo/retained/#', qos: 1 });
    // Nothing retained is left: a fresh marker arrives, the old state does not.
    await call('message.publish', { connectionId: publisher, topic: 'demo/retained/marker', payload: 'm' });
    await nextOn(late, 'demo/retained/marker');
    expect(await received(late, 'demo/retained/state')).toEqual([]);
  });

  it('receives messages sent by mosquitto_pub, over TCP and over TLS', async () => {
    const id = await openConnected(tcp());
    await call('subscription.add', { connectionId: id, filter: 'demo/#', qos: 2 });

    await mosquittoPub(session.broker, { topic: 'demo/device/1', message: 'héllo ✓', qos: 1 });
    const first = await nextOn(id, 'demo/device/1');
    expect(first).toMatchObject({ qos: 1, retain: false, payload: bytes('héllo ✓') });

    await mosquittoPub(session.broker, {
      topic: 'demo/device/2',
      message: 'via tls',
      qos: 2,
      transport: 'mqtts',
    });
    expect(await nextOn(id, 'demo/device/2')).toMatchObject({ qos: 2, payload: bytes('via tls') });
  });

  it('publishes so that mosquitto_sub sees it', async () => {
    const id = await openConnected(tcp());
    const subscriber = await mosquittoSub(session.broker, { topic: 'demo/to-sub/#', count: 2, qos: 1 });
    await call('message.publish', { connectionId: id, topic: 'demo/to-sub/a', payload: 'first', qos: 1 });
    await call('message.publish', {
      connectionId: id,
      topic: 'demo/to-sub/b',
      payload: 'line1\nline2',
      qos: 0,
    });
    const messages = await subscriber.messages;
    expect(messages.map(({ topic, payload, qos }) => ({ topic, payload, qos }))).toEqual([
      { topic: 'demo/to-sub/a', payload: 'first', qos: 1 },
      { topic: 'demo/to-sub/b', payload: 'line1\nline2', qos: 0 },
    ]);
  });

  it('coalesces a burst into one poll answer, in order, losing none', async () => {
    const id = await openConnected(tcp());
    await call('subscription.add', { connectionId: id, filter: 'demo/burst/#' });
    const count = 300;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        call('message.publish', { connectionId: id, topic: 'demo/burst/n', payload: String(i) }),
      ),
    );
    await vi.waitFor(async () => expect(await received(id, 'demo/burst/n')).toHaveLength(count), WAIT);
    const payloads = (await received(id, 'demo/burst/n')).map((m) => new TextDecoder().decode(m.payload));
    expect(payloads).toEqual(Array.from({ length: count }, (_, i) => String(i)));
    // The renderer's view of it: one answer, the topic reported once with its count.
    const poll = await call('stream.poll', { connectionId: id, maxTail: count });
    expect(poll.tail).toHaveLength(count);
    expect(poll.topics.filter((t) => t.path === 'demo/burst/n')).toEqual([
      expect.objectContaining({ messages: count }),
    ]);
  });

  it('stops delivering after subscription.remove', async () => {
    const id = await openConnected(tcp());
    await call('subscription.add', { connectionId: id, filter: 'demo/unsub/a' });
    await call('subscription.add', { connectionId: id, filter: 'demo/unsub/b' });
    expect(await call('subscription.remove', { connectionId: id, filter: 'demo/unsub/a' })).toMatchObject({
      filter: 'demo/unsub/a',
    });
    await mosquittoPub(session.broker, { topic: 'demo/unsub/a', message: 'should not arrive', qos: 1 });
    await mosquittoPub(session.broker, { topic: 'demo/unsub/b', message: 'marker', qos: 1 });
    // Mosquitto forwards in order: once the later marker is here, the earlier message never will be.
    await nextOn(id, 'demo/unsub/b');
    expect(await received(id, 'demo/unsub/a')).toEqual([]);
  });

  it('fails a wrong password with a clear sentence and a CONNACK code', async () => {
    const status = await open(tcp({ password: 'not-the-password' }));
    expect(status.state).toBe('failed');
    expect(englishOf(status.reason)).toBe('The broker refused the connection.');
    // Mosquitto 2.0.11 answers a bad password with 0x87 "not authorized" under MQTT 5, not 0x86.
    expect(status.problem?.code).toMatch(/^CONNACK 0x8[67]$/);
    expect(englishOf(status.problem)).toMatch(/user name or password|not authori[sz]ed/i);
    expect(englishOf(status.problem)).toMatch(/^[A-Z].*\.$/);
    expect(statusEvents(status.connectionId).map((s) => s.state)).toEqual(['connecting', 'failed']);
  });

  it('fails without credentials, since the broker allows no anonymous clients', async () => {
    const status = await open(tcp({ username: undefined, password: undefined }));
    expect(status.state).toBe('failed');
    expect(status.problem?.code).toMatch(/^CONNACK /);
  });

  it('fails a refused connection with ECONNREFUSED', async () => {
    const status = await open(tcp({ port: await freePort() }));
    expect(status).toMatchObject({
      state: 'failed',
      reason: { key: 'state.couldNotConnect' },
      problem: { code: 'ECONNREFUSED', key: 'socket.ECONNREFUSED' },
    });
  });

  it('refuses to publish or subscribe on a connection that is not connected', async () => {
    const failed = await open(tcp({ password: 'wrong' }));
    expect(failed.state).toBe('failed');
    const publishError = await callError('message.publish', {
      connectionId: failed.connectionId,
      topic: 'demo/x',
      payload: 'x',
    });
    expect(publishError.code).toBe('not-connected');
    expect(publishError.message).toMatch(/not connected \(it is failed\)/);
    expect(
      (await callError('subscription.add', { connectionId: failed.connectionId, filter: 'demo/#' })).code,
    ).toBe('not-connected');

    const closedId = await openConnected(tcp());
    await call('connection.close', { connectionId: closedId });
    opened.delete(closedId);
    const afterClose = await callError('message.publish', {
      connectionId: closedId,
      topic: 'demo/x',
      payload: '',
    });
    expect(['not-found', 'not-connected']).toContain(afterClose.code);

    expect(
      (await callError('message.publish', { connectionId: 'conn-999', topic: 'a', payload: '' })).code,
    ).toBe('not-found');
  });

  it('refuses an invalid topic before it reaches the broker', async () => {
    const id = await openConnected(tcp());
    const error = await callError('message.publish', { connectionId: id, topic: 'demo/+/x', payload: '' });
    expect(error.code).toBe('invalid-input');
    expect(error.issues?.[0]?.path).toBe('topic');
    const filterError = await callError('subscription.add', { connectionId: id, filter: 'demo/#/x' });
    expect(filterError.code).toBe('invalid-input');
    expect(filterError.issues?.[0]?.path).toBe('filter');
  });

  it('disconnects on request and says so', async () => {
    const { connectionId: id, clientId } = await open(tcp());
    const status = await call('connection.close', { connectionId: id });
    opened.delete(id);
    expect(status).toMatchObject({ connectionId: id, state: 'disconnected', reason: { key: 'state.byYou' } });
    expect(status.problem).toBeUndefined();
    expect(statusEvents(id).at(-1)).toMatchObject({ state: 'disconnected', reason: { key: 'state.byYou' } });
    // A clean DISCONNECT, not a dropped socket, from the broker's point of view.
    await session.broker.waitForLog(new RegExp(`Client ${clientId} disconnected\\.$`));

    // Trust #16: a closed connection stays listed (with its log) until it is removed.
    expect((await call('connection.list', {})).find((s) => s.connectionId === id)?.state).toBe(
      'disconnected',
    );
    expect(await call('connection.close', { connectionId: id })).toMatchObject({ state: 'disconnected' });
    expect(await call('connection.remove', { connectionId: id })).toMatchObject({ connectionId: id });
    expect((await call('connection.list', {})).some((s) => s.connectionId === id)).toBe(false);
    expect((await callError('connection.close', { connectionId: id })).code).toBe('not-found');
  });

  it('says the connection was lost when another client takes over the session', async () => {
    const first = await openConnected(tcp({ clientId: 'mqscope-takeover' }));
    const second = await openConnected(ws({ clientId: 'mqscope-takeover' }));

    const lost = await vi.waitFor(() => {
      const last = statusEvents(first).at(-1);
      if (last?.state !== 'disconnected') throw new Error(`still ${last?.state}`);
      return last;
    }, WAIT);
    expect(englishOf(lost.reason)).toBe('Connection lost.');
    // MQTT 5 has DISCONNECT 0x8e "session taken over" for this, but Mosquitto 2.0.11 closes the
    // old socket without it ever reaching the client: mqtt.js sees only the close.
    expect(['DISCONNECT 0x8e', 'CONNECTION_LOST']).toContain(lost.problem?.code);
    await session.broker.waitForLog(/Client mqscope-takeover already connected, closing old connection\./);
    // The newcomer is unaffected, and the lost one refuses work instead of queueing it.
    expect(statusEvents(second).at(-1)?.state).toBe('connected');
    expect(
      (await callError('message.publish', { connectionId: first, topic: 'demo/x', payload: '' })).code,
    ).toBe('not-connected');
  });

  it('says the connection was lost when the broker goes away', async () => {
    const own = await startMosquitto();
    try {
      const id = await openConnected(tcp({ port: own.ports.mqtt, password: own.password }));
      await own.stop();
      const lost = await vi.waitFor(() => {
        const last = statusEvents(id).at(-1);
        if (last?.state !== 'disconnected') throw new Error(`still ${last?.state}`);
        return last;
      }, WAIT);
      expect(lost).toMatchObject({ reason: { key: 'state.lost' }, problem: { code: expect.any(String) } });
      expect(englishOf(lost.problem)).toMatch(/^[A-Z].*\.$/);
    } finally {
      await own.stop();
    }
  });

  it('closes within a bounded time when the broker has stopped answering', async () => {
    // Its own broker: freezing the shared one would stall every other connection.
    const frozen = await startMosquitto();
    try {
      const id = await openConnected(tcp({ port: frozen.ports.mqtt, password: frozen.password }));
      frozen.pause();
      // A QoS 1 publish the frozen broker will never acknowledge.
      const pending = session.dispatch('message.publish', {
        connectionId: id,
        topic: 'demo/frozen',
        payload: 'x',
        qos: 1,
      });
      const started = Date.now();
      const status = await call('connection.close', { connectionId: id });
      opened.delete(id);
      expect(status).toMatchObject({ state: 'disconnected', reason: { key: 'state.byYou' } });
      // It is answered (as a failure), not left pending forever.
      await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'mqtt-error' } });
      // The engine's grace for a graceful DISCONNECT is 2 s; a hang would hit the test timeout.
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      frozen.resume();
      await frozen.stop();
    }
  });

  it('closes every connection with its own reason when disposed', async () => {
    const other = createEngine({ host: 'web', version: 'test' });
    const seen: ConnectionStatus[] = [];
    other.onEvent((e) => {
      if (e.name === 'connection.status') seen.push(e.payload);
    });
    const otherDispatch = createDispatch(other.handlers);
    const first = await otherDispatch('connection.open', tcp());
    const second = await otherDispatch('connection.open', ws());
    expect(first.ok && second.ok).toBe(true);

    await other.dispose();
    const finals = seen.filter((s) => s.state === 'disconnected');
    expect(finals).toHaveLength(2);
    for (const status of finals)
      expect(englishOf(status.reason)).toBe('Closed because MQScope is shutting down.');
    expect(await otherDispatch('connection.list', {})).toEqual({ ok: true, value: [] });
  });

  describe('a server that accepts TCP but never answers CONNECT', () => {
    let silent: Server;
    let port = 0;
    const sockets = new Set<Socket>();

    beforeAll(async () => {
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const address = silent.address();
      port = typeof address === 'object' && address ? address.port : 0;
    });

    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('fails after the connect timeout with CONNACK_TIMEOUT', async () => {
      const started = Date.now();
      const status = await open(tcp({ port, connectTimeoutMs: 500 }));
      expect(status).toMatchObject({
        state: 'failed',
        problem: {
          code: 'CONNACK_TIMEOUT',
        },
      });
      expect(englishOf(status.problem)).toBe('The broker did not accept the connection within 0.5 s.');
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    });

    it('can be cancelled while connecting, using the id from the connecting event', async () => {
      const pending = call('connection.open', tcp({ port, connectTimeoutMs: 20_000 }));
      const connecting = await vi.waitFor(() => {
        const event = events.findLast(
          (e) =>
            e.name === 'connection.status' &&
            e.payload.state === 'connecting' &&
            e.payload.url.endsWith(`:${port}`) &&
            !opened.has(e.payload.connectionId),
        );
        if (event?.name !== 'connection.status') throw new Error('no connecting event yet');
        return event.payload;
      }, WAIT);
      opened.add(connecting.connectionId);

      const closed = await call('connection.close', { connectionId: connecting.connectionId });
      expect(closed).toMatchObject({ state: 'disconnected', reason: { key: 'state.byYou' } });
      // The open request settles too, with the same outcome, long before its 20 s timeout.
      expect(await pending).toMatchObject({ connectionId: connecting.connectionId, state: 'disconnected' });
    });
  });

  it('runs ten connections at once; one failing leaves the other nine working', async () => {
    const options = Array.from({ length: 10 }, (_, i) =>
      i === 6 ? tcp({ password: 'wrong' }) : i % 2 === 0 ? tcp() : ws(),
    );
    const statuses = await Promise.all(options.map((o) => open(o)));

    expect(new Set(statuses.map((s) => s.connectionId)).size).toBe(10);
    expect(new Set(statuses.map((s) => s.clientId)).size).toBe(10);
    const failed = statuses.filter((s) => s.state === 'failed');
    const healthy = statuses.filter((s) => s.state === 'connected');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.connectionId).toBe(statuses[6]?.connectionId);
    expect(failed[0]?.problem?.code).toMatch(/^CONNACK /);
    expect(healthy).toHaveLength(9);

    for (const { connectionId } of healthy) {
      await call('subscription.add', { connectionId, filter: 'demo/ten/#', qos: 1 });
    }
    await mosquittoPub(session.broker, { topic: 'demo/ten/all', message: 'to everyone', qos: 1 });
    for (const { connectionId } of healthy) {
      expect((await nextOn(connectionId, 'demo/ten/all')).payload).toEqual(bytes('to everyone'));
    }

    // Each can still talk on its own, and the failure is still listed as failed.
    const subscriber = await mosquittoSub(session.broker, {
      topic: 'demo/ten/from/+',
      count: healthy.length,
    });
    await Promise.all(
      healthy.map(({ connectionId }) =>
        call('message.publish', {
          connectionId,
          topic: `demo/ten/from/${connectionId}`,
          payload: connectionId,
        }),
      ),
    );
    const heard = await subscriber.messages;
    expect(heard.map((m) => m.payload).sort()).toEqual(healthy.map((s) => s.connectionId).sort());
    const listed = await call('connection.list', {});
    expect(listed.find((s) => s.connectionId === statuses[6]?.connectionId)?.state).toBe('failed');
  });
});
