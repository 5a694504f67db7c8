/**
 * The in-flight table on its own (no socket): the quota gate keeps request order, the
 * session store marks redeliveries DUP, and every request is answered exactly once.
 */
import type { IConnackPacket, MqttClient, Packet } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { InflightPublishes } from '../../electron/engine/publish/inflight';
import { text } from '../../electron/engine/text/keys';
import { SessionStore } from '../../electron/engine/publish/session-store';

type Done = (error?: Error) => void;

function harness(receiveMaximum: number) {
  const table = new InflightPublishes(5, () => null as MqttClient | null);
  const sent: { topic: string; done: Done }[] = [];
  let nextId = 1;
  const publish = (topic: string, qos: 1 | 2 = 1) => {
    const payload = Buffer.from(topic);
    return table.submit({ topic, qos, payload }, (done) => {
      const messageId = nextId++;
      table.onPacket({ cmd: 'publish', topic, payload, qos, dup: false, retain: false, messageId }, 'out');
      sent.push({ topic, done });
    });
  };
  const connack = { cmd: 'connack', sessionPresent: true, properties: { receiveMaximum } } as IConnackPacket;
  table.onConnack(connack, false);
  table.onConnected();
  return { table, sent, publish };
}

describe('in-flight publishes', () => {
  // Trust #6
  it('sends no more than Receive Maximum, and the rest in request order as acks free the quota', async () => {
    const { table, sent, publish } = harness(2);
    const answers = ['a', 'b', 'c', 'd'].map((t) => publish(t));
    expect(sent.map((s) => s.topic)).toEqual(['a', 'b']);
    expect(table.list().map((q) => [q.topic, q.state])).toEqual([
      ['a', 'inFlight'],
      ['b', 'inFlight'],
      ['c', 'waitingForQuota'],
      ['d', 'waitingForQuota'],
    ]);
    sent[1]?.done();
    expect(sent.map((s) => s.topic)).toEqual(['a', 'b', 'c']);
    sent[0]?.done();
    sent[2]?.done();
    sent[3]?.done();
    await expect(Promise.all(answers)).resolves.toHaveLength(4);
    expect(table.list()).toEqual([]);
  });

  // Trust #3, #5
  it('keeps what is unanswered while a reconnect is coming, and says what it waits for', () => {
    const { table, sent, publish } = harness(1);
    void publish('a');
    void publish('b');
    table.onSocketClosed();
    expect(table.list().map((q) => q.state)).toEqual(['inFlight', 'waitingForReconnect']);
    table.onConnected();
    sent[0]?.done();
    expect(sent.map((s) => s.topic)).toEqual(['a', 'b']);
    expect(table.list().map((q) => [q.topic, q.state])).toEqual([['b', 'inFlight']]);
  });

  // Trust #3, #5
  it('answers each request once: failed with the reason at the end, a late ack ignored', async () => {
    const { table, sent, publish } = harness(1);
    const first = publish('a', 2);
    const second = publish('b');
    expect(table.failAll(text('publish.why.noReconnect', { reasonKey: 'state.lost' }))).toBe(2);
    await expect(first).rejects.toThrow(
      'Connection lost. No reconnect will follow: the message was not confirmed (no PUBREC came; it may have arrived).',
    );
    await expect(second).rejects.toThrow(
      'Connection lost. No reconnect will follow: the message was not sent.',
    );
    sent[0]?.done();
    expect(table.list()).toEqual([]);
  });

  // Trust #3
  it('fails what was in flight when the broker did not keep the session', async () => {
    const { table, publish } = harness(10);
    const pending = publish('a');
    table.onConnack({ cmd: 'connack', sessionPresent: false } as IConnackPacket, false);
    await expect(pending).rejects.toThrow(
      /^The broker did not keep the session: the message was not confirmed/,
    );
  });
});

describe('session store', () => {
  // Trust #3
  it('keeps the redelivery copy of a PUBLISH with DUP=1, and knows PUBREL from PUBLISH', () => {
    const store = new SessionStore();
    const publish: Packet = {
      cmd: 'publish',
      topic: 't',
      payload: 'x',
      qos: 2,
      dup: false,
      retain: false,
      messageId: 7,
    };
    store.put(publish, () => undefined);
    expect(publish.dup).toBe(false);
    let stored: Packet | undefined;
    store.get({ messageId: 7 }, (_e, p) => (stored = p));
    expect(stored).toMatchObject({ cmd: 'publish', dup: true, messageId: 7 });
    expect(store.released(7)).toBe(false);
    store.put({ cmd: 'pubrel', messageId: 7 }, () => undefined);
    expect(store.released(7)).toBe(true);
    store.discard(7);
    expect(store.released(7)).toBe(false);
  });
});
