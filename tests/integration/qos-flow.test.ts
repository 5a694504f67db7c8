/**
 * Publish flow against a real Mosquitto: the broker's Receive Maximum honoured, repeat runs
 * that really end, and a lost connection that answers every request and leaves no stale queue.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { englishOf } from '../support/english';
import type { ConnectionStatus, PacketRecord, RepeatProgress } from '../../electron/contract';
import { createEngine } from '../../electron/engine';
import { createDispatch } from '../../electron/host/dispatch';
import { useEngineSession } from '../support/engine-session';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import {
  WAIT,
  expectAllAnswered,
  inFlight,
  packetsOf,
  publishBatch,
  queueOf,
  queueUntil,
  stateOf,
} from '../support/publish-batch';
import { startTcpProxy } from '../support/tcp-proxy';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const RECEIVE_MAXIMUM = 20;

/** The most QoS 1/2 PUBLISHes ever unacknowledged at once, replayed from the packet log. */
function maxOutstanding(packets: PacketRecord[]): number {
  const open = new Set<number>();
  let max = 0;
  for (const p of packets) {
    if (p.messageId === undefined) continue;
    if (p.direction === 'out' && p.type === 'publish' && Number(p.fields['qos']) > 0) open.add(p.messageId);
    if (p.direction === 'in' && (p.type === 'puback' || p.type === 'pubcomp')) open.delete(p.messageId);
    max = Math.max(max, open.size);
  }
  return max;
}

describe.skipIf(!available)('publish flow control, repeat runs and lost connections', () => {
  const session = useEngineSession();
  const cleanups: (() => Promise<void> | void)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function ownBroker(): Promise<MosquittoBroker> {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    return broker;
  }

  function progressOf(repeatId: string): RepeatProgress[] {
    return session.events.flatMap((e) =>
      e.name === 'publish.repeat.progress' && e.payload.repeatId === repeatId ? [e.payload] : [],
    );
  }

  function ended(repeatId: string): Promise<RepeatProgress> {
    return vi.waitFor(() => {
      const last = progressOf(repeatId).find((p) => p.state !== 'running');
      if (!last) throw new Error('the run has not ended');
      return last;
    }, WAIT);
  }

  // Trust #6: Mosquitto grants Receive Maximum 20; 100 concurrent publishes and a repeat run
  // share that quota, and none is refused with PUBACK 0x97 "Quota exceeded".
  it('honours the broker Receive Maximum: never more than 20 unacknowledged, no 0x97', async () => {
    const id = await session.openConnected(session.tcp({ protocolVersion: '5.0' }));
    expect(session.statusesOf(id).at(-1)?.connack?.receiveMaximum).toBe(RECEIVE_MAXIMUM);
    const repeat = await session.call('publish.repeat.start', {
      connectionId: id,
      topic: 'flow/quota/repeat',
      payload: 'r{{counter}}',
      qos: 1,
      intervalMs: 1,
      count: 30,
    });
    const batch = publishBatch(session, id, 'flow/quota', 100);
    await expectAllAnswered(batch);
    expect(batch.answers.every((a) => a.result?.ok)).toBe(true);
    expect(await ended(repeat.repeatId)).toMatchObject({ state: 'finished', sent: 30, failed: 0 });
    const packets = await packetsOf(session, id);
    expect(maxOutstanding(packets)).toBeLessThanOrEqual(RECEIVE_MAXIMUM);
    expect(packets.filter((p) => p.direction === 'in' && p.fields['reasonCode'] === 0x97)).toEqual([]);
    expect(await queueOf(session, id)).toEqual([]);
  });

  // Trust #4: a stop ends the run at once, even while its publish is unanswered.
  it('repeat stop ends the run while its publish waits for an answer', async () => {
    const broker = await ownBroker();
    const id = await session.openConnected(
      session.tcp({ port: broker.ports.mqtt, password: broker.password }),
    );
    const run = await session.call('publish.repeat.start', {
      connectionId: id,
      topic: 'flow/repeat/stop',
      payload: 'x',
      qos: 1,
      intervalMs: 20,
    });
    await vi.waitFor(() => {
      if ((progressOf(run.repeatId).at(-1)?.sent ?? 0) < 2) throw new Error('not running yet');
    }, WAIT);
    broker.pause();
    await queueUntil(session, id, (queue) => {
      if (inFlight(queue).length === 0) throw new Error('nothing in flight yet');
    });
    const stopped = await session.call('publish.repeat.stop', { repeatId: run.repeatId });
    expect(stopped).toMatchObject({ state: 'stopped', detail: { key: 'repeat.stoppedByYou' } });
    expect(await ended(run.repeatId)).toMatchObject({
      state: 'stopped',
      detail: { key: 'repeat.stoppedByYou' },
    });
    const again = await session.callError('publish.repeat.stop', { repeatId: run.repeatId });
    expect(again.code).toBe('not-found');
    broker.resume();
    // The publish it left behind is still answered, and leaves the queue.
    await queueUntil(session, id, (queue) => {
      if (queue.length > 0) throw new Error(`${queue.length} still queued`);
    });
  });

  // Trust #4: a broker restart mid-run ends the run with the reason; nothing stays registered.
  it('a broker restart mid-run ends the repeat with the reason, and stop then says so', async () => {
    const broker = await ownBroker();
    const id = await session.openConnected(
      session.tcp({
        port: broker.ports.mqtt,
        password: broker.password,
        clean: false,
        sessionExpirySeconds: 300,
        reconnect: { maxAttempts: 100, periodMs: 200 },
      }),
    );
    const run = await session.call('publish.repeat.start', {
      connectionId: id,
      topic: 'flow/repeat/restart',
      payload: 'x',
      qos: 2,
      intervalMs: 10,
    });
    await vi.waitFor(() => {
      if ((progressOf(run.repeatId).at(-1)?.sent ?? 0) < 2) throw new Error('not running yet');
    }, WAIT);
    const before = session.statusesOf(id).length;
    await broker.restart();
    const end = await ended(run.repeatId);
    expect(end.state).toBe('stopped');
    expect(end.detail).toMatchObject({
      key: 'repeat.stoppedConnection',
      params: { stateKey: 'connState.reconnecting' },
    });
    const stop = await session.callError('publish.repeat.stop', { repeatId: run.repeatId });
    expect(stop).toMatchObject({ code: 'not-found' });
    await stateOf(session, id, 'connected', before);
    await queueUntil(session, id, (queue) => {
      if (queue.length > 0) throw new Error(`${queue.length} still queued`);
    });
  });

  // Trust #3: reconnects that all fail end in "failed", and every request is answered then.
  it('giving up on reconnecting answers every request with the reason', async () => {
    const broker = await ownBroker();
    const proxy = await startTcpProxy({ host: broker.host, port: broker.ports.mqtt });
    let closed = false;
    cleanups.push(() => (closed ? undefined : proxy.close()));
    const id = await session.openConnected(
      session.tcp({
        port: proxy.port,
        password: broker.password,
        clean: false,
        sessionExpirySeconds: 300,
        reconnect: { maxAttempts: 2, periodMs: 100 },
      }),
    );
    proxy.blackhole('toBroker', 'toClient');
    const batch = publishBatch(session, id, 'flow/give-up', 30);
    await queueUntil(session, id, (queue) => {
      if (queue.length !== 30) throw new Error('not queued yet');
    });
    // The network goes for good: every reconnect attempt is refused.
    closed = true;
    await proxy.close();
    const failed = await stateOf(session, id, 'failed');
    expect(englishOf(failed.reason)).toBe('Gave up after 2 reconnect attempts.');
    await expectAllAnswered(batch);
    for (const answer of batch.answers) {
      expect(answer.result?.ok === false && answer.result.error.message).toMatch(
        /^Gave up after 2 reconnect attempts\. No reconnect will follow: the message was not (sent|confirmed)/,
      );
    }
    expect(await queueOf(session, id)).toEqual([]);
  });

  // Trust #3: shutting the engine down answers what is still in flight, and what waits.
  it('engine shutdown answers every request', async () => {
    const broker = await ownBroker();
    const engine = createEngine({ host: 'web', version: 'test' });
    const dispatch = createDispatch(engine.handlers);
    const opened = await dispatch(
      'connection.open',
      session.tcp({ port: broker.ports.mqtt, password: broker.password }),
    );
    if (!opened.ok) throw new Error(opened.error.message);
    const connectionId = (opened.value as ConnectionStatus).connectionId;
    broker.pause();
    const answers = Array.from({ length: 25 }, (_, i) =>
      dispatch('message.publish', { connectionId, topic: `flow/shutdown/${i}`, payload: 'x', qos: 1 }),
    );
    await vi.waitFor(async () => {
      const queue = await dispatch('publish.queue', { connectionId });
      if (!queue.ok || (queue.value as unknown[]).length !== 25) throw new Error('not queued yet');
    }, WAIT);
    await engine.dispose();
    broker.resume();
    for (const answer of await Promise.all(answers)) {
      expect(answer.ok ? 'answered ok' : answer.error.message).toMatch(
        /^Closed because MQScope is shutting down\. (No reconnect will follow|The broker did not answer within 2 s): the message was not (sent|confirmed)/,
      );
    }
  });

  // Trust #5: no reconnect will come, so every request is answered now and the queue empties.
  it.each([false, true])(
    'a lost connection without reconnect (clean %s) answers every request',
    async (clean) => {
      const broker = await ownBroker();
      const proxy = await startTcpProxy({ host: broker.host, port: broker.ports.mqtt });
      cleanups.push(() => proxy.close());
      const id = await session.openConnected(
        session.tcp({
          port: proxy.port,
          password: broker.password,
          clean,
          ...(!clean && { sessionExpirySeconds: 300 }),
          reconnect: { maxAttempts: 0, periodMs: 1000 },
        }),
      );
      proxy.blackhole('toBroker', 'toClient');
      const batch = publishBatch(session, id, `flow/lost/${String(clean)}`, 40);
      await queueUntil(session, id, (queue) => {
        if (inFlight(queue).length !== RECEIVE_MAXIMUM || queue.length !== 40)
          throw new Error('not queued yet');
      });
      proxy.cut();
      const down = await stateOf(session, id, 'disconnected');
      expect(englishOf(down.reason)).toBe('Connection lost.');
      await expectAllAnswered(batch);
      batch.answers.forEach((answer, i) => {
        const message = answer.result?.ok === false ? answer.result.error.message : 'answered ok';
        const how =
          i >= RECEIVE_MAXIMUM
            ? 'the message was not sent\\.'
            : `the message was not confirmed \\(no PUB${answer.qos === 1 ? 'ACK' : 'REC'} came; it may have arrived\\)\\.`;
        expect(message).toMatch(new RegExp(`^Connection lost\\. No reconnect will follow: ${how}$`));
      });
      expect(await queueOf(session, id)).toEqual([]);
    },
  );
});
