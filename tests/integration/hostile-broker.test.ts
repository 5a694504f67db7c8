/**
 * The hostile-broker suite (Trust #7, #18): a fake broker that speaks raw bytes sends each
 * malformed or out-of-order packet, and each case checks that the connection leaves
 * "connected" in bounded time, that the Problem says what was wrong and that MQScope found
 * it, and that an MQTT 5 client sent DISCONNECT with the spec's reason before closing.
 */
import { describe, expect, it } from 'vitest';
import { englishOf } from '../support/english';
import type { PacketRecord } from '../../electron/contract';
import { receivedMessages } from '../support/engine-log';
import { CONNACK_V311, CONNACK_V5, rawPublish, remainingLength } from '../support/fake-broker';
import { useHostileSession } from '../support/hostile-session';

const bytes = (...list: number[]) => Buffer.from(list);
const topic = (text: string) => Buffer.from(text, 'latin1');

interface Case {
  name: string;
  /** What the broker sends for MQTT 5 and for 3.1.1 (CONNACK included where it belongs). */
  v5: Buffer;
  v311: Buffer;
  code: 'MALFORMED_PACKET' | 'PROTOCOL_ERROR';
  says: RegExp;
}

const after = (connack: Buffer, ...rest: Buffer[]) => Buffer.concat([connack, ...rest]);

// Trust #7: each packet a client must refuse, after (or instead of) a good CONNACK.
const CASES: Case[] = [
  {
    name: 'a 5-byte remaining length',
    v5: after(CONNACK_V5, bytes(0x30, 0xff, 0xff, 0xff, 0xff, 0x7f)),
    v311: after(CONNACK_V311, bytes(0x30, 0xff, 0xff, 0xff, 0xff, 0x7f)),
    code: 'MALFORMED_PACKET',
    says: /remaining length longer than 4 bytes/,
  },
  {
    name: 'garbage after CONNACK',
    v5: after(CONNACK_V5, Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')),
    v311: after(CONNACK_V311, Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')),
    code: 'MALFORMED_PACKET',
    says: /PUBACK with wrong fixed-header flags/,
  },
  {
    name: 'a PUBLISH with QoS 3',
    v5: after(CONNACK_V5, bytes(0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01)),
    v311: after(CONNACK_V311, bytes(0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01)),
    code: 'MALFORMED_PACKET',
    says: /PUBLISH with QoS 3 \(MQTT (5|3\.1\.1) §3\.3\.1\.2\)/,
  },
  {
    name: 'a PUBLISH before CONNACK',
    v5: Buffer.concat([rawPublish({ topic: topic('early'), v5: true }), CONNACK_V5]),
    v311: Buffer.concat([rawPublish({ topic: topic('early'), v5: false }), CONNACK_V311]),
    code: 'PROTOCOL_ERROR',
    says: /PUBLISH before CONNACK/,
  },
  {
    name: 'a QoS 1 PUBLISH with packet identifier 0',
    v5: after(CONNACK_V5, rawPublish({ topic: topic('a'), qos: 1, packetId: 0, v5: true })),
    v311: after(CONNACK_V311, rawPublish({ topic: topic('a'), qos: 1, packetId: 0, v5: false })),
    code: 'PROTOCOL_ERROR',
    says: /QoS 1 and packet identifier 0/,
  },
  {
    name: 'a topic with NUL',
    v5: after(CONNACK_V5, rawPublish({ topic: topic('a\u0000b'), v5: true })),
    v311: after(CONNACK_V311, rawPublish({ topic: topic('a\u0000b'), v5: false })),
    code: 'MALFORMED_PACKET',
    says: /U\+0000 \(NUL\) \(MQTT (5 §1\.5\.4|3\.1\.1 §1\.5\.3)\)/,
  },
  {
    name: 'a topic that is not UTF-8',
    v5: after(CONNACK_V5, rawPublish({ topic: topic('bad/\xff'), v5: true })),
    v311: after(CONNACK_V311, rawPublish({ topic: topic('bad/\xff'), v5: false })),
    code: 'MALFORMED_PACKET',
    says: /topic name that is not valid UTF-8/,
  },
  {
    name: 'a UTF-8-encoded surrogate in a topic',
    v5: after(CONNACK_V5, rawPublish({ topic: topic('s/\xed\xa0\x80'), v5: true })),
    v311: after(CONNACK_V311, rawPublish({ topic: topic('s/\xed\xa0\x80'), v5: false })),
    code: 'MALFORMED_PACKET',
    says: /not valid UTF-8/,
  },
  {
    name: 'a PUBLISH topic with a wildcard',
    v5: after(CONNACK_V5, rawPublish({ topic: topic('a/#'), v5: true })),
    v311: after(CONNACK_V311, rawPublish({ topic: topic('a/#'), v5: false })),
    code: 'PROTOCOL_ERROR',
    says: /wildcard/,
  },
  {
    name: 'a CONNECT from the server',
    v5: after(CONNACK_V5, bytes(0x10, 0x00)),
    v311: after(CONNACK_V311, bytes(0x10, 0x00)),
    code: 'PROTOCOL_ERROR',
    says: /CONNECT, which only a client may send/,
  },
  {
    name: 'a SUBSCRIBE from the server',
    v5: after(CONNACK_V5, bytes(0x82, 0x00)),
    v311: after(CONNACK_V311, bytes(0x82, 0x00)),
    code: 'PROTOCOL_ERROR',
    says: /SUBSCRIBE, which only a client may send/,
  },
  {
    name: 'a PINGREQ from the server',
    v5: after(CONNACK_V5, bytes(0xc0, 0x00)),
    v311: after(CONNACK_V311, bytes(0xc0, 0x00)),
    code: 'PROTOCOL_ERROR',
    says: /PINGREQ, which only a client may send/,
  },
  {
    name: 'a PUBREL with wrong fixed-header flags',
    v5: after(CONNACK_V5, bytes(0x60, 0x02, 0x00, 0x01)),
    v311: after(CONNACK_V311, bytes(0x60, 0x02, 0x00, 0x01)),
    code: 'MALFORMED_PACKET',
    says: /PUBREL with wrong fixed-header flags \(0x0\)/,
  },
  {
    name: 'a second CONNACK',
    v5: after(CONNACK_V5, CONNACK_V5),
    v311: after(CONNACK_V311, CONNACK_V311),
    code: 'PROTOCOL_ERROR',
    says: /a second CONNACK/,
  },
  {
    name: 'a PINGRESP with a body',
    v5: after(CONNACK_V5, bytes(0xd0, 0x01, 0x00)),
    v311: after(CONNACK_V311, bytes(0xd0, 0x01, 0x00)),
    code: 'MALFORMED_PACKET',
    says: /PINGRESP with a 1-byte body/,
  },
];

describe('hostile broker: malformed and out-of-order packets close the connection (Trust #7)', () => {
  const session = useHostileSession();

  describe.each(CASES)('$name', (c) => {
    it('MQTT 5: closes with DISCONNECT 0x81/0x82 and says why', async () => {
      const { final, broker } = await session.run({ reply: c.v5 });
      expect(final.state).toBe('failed');
      expect(final.problem?.code).toBe(c.code);
      expect(englishOf(final.problem)).toMatch(/^MQScope closed the connection: the broker sent /);
      expect(englishOf(final.problem)).toMatch(c.says);
      const disconnect = await broker.closed(0);
      const reason = c.code === 'MALFORMED_PACKET' ? 0x81 : 0x82;
      expect(disconnect?.body[0]).toBe(reason);
      expect(englishOf(final.problem)).toContain(`It sent DISCONNECT`);
    });

    it('MQTT 3.1.1: closes the network connection without DISCONNECT and says why', async () => {
      const { final, broker } = await session.run({ reply: c.v311 }, { protocolVersion: '3.1.1' });
      expect(final.state).toBe('failed');
      expect(final.problem?.code).toBe(c.code);
      expect(englishOf(final.problem)).toMatch(c.says);
      expect(englishOf(final.problem)).toMatch(/\(MQTT 3\.1\.1 §/);
      expect(await broker.closed(0)).toBeNull();
    });
  });

  it('the packet log shows the CONNACK that arrived and the DISCONNECT MQScope sent', async () => {
    const { connectionId } = await session.run({ reply: CONNACK_V5, then: bytes(0x36, 0x02, 0x00, 0x00) });
    const listed = await session.dispatch('packets.list', { connectionId });
    const packets = listed.ok ? (listed.value as { packets: PacketRecord[] }).packets : [];
    expect(packets.map((p) => `${p.direction} ${p.type}`)).toEqual([
      'out connect',
      'in connack',
      'out disconnect',
    ]);
    expect(packets.at(-1)?.fields).toMatchObject({ reasonCode: 0x81 });
  });

  it('a bad packet split across reads is caught as well', async () => {
    const publish = rawPublish({ topic: topic('split/\xff'), v5: true });
    const { final, broker } = await session.run({
      reply: Buffer.concat([CONNACK_V5, publish.subarray(0, 6)]),
      then: publish.subarray(6),
    });
    expect(final.problem?.code).toBe('MALFORMED_PACKET');
    expect((await broker.closed(0))?.body[0]).toBe(0x81);
  });

  it('MQTT 5: an empty topic without a Topic Alias is a protocol error, not a message', async () => {
    const { final, broker, connectionId } = await session.run({
      reply: CONNACK_V5,
      then: rawPublish({ topic: Buffer.alloc(0), v5: true }),
    });
    expect(final.problem?.code).toBe('PROTOCOL_ERROR');
    expect(englishOf(final.problem)).toMatch(/empty topic name and no Topic Alias \(MQTT 5 §3\.3\.2\.1\)/);
    expect((await broker.closed(0))?.body[0]).toBe(0x82);
    expect(await receivedMessages(session.dispatch, connectionId)).toEqual([]);
  });

  it('the guard sits on WebSocket connections too', async () => {
    const { final, broker } = await session.run(
      { reply: after(CONNACK_V5, bytes(0x36, 0x02, 0x00, 0x00)), websocket: true },
      { transport: 'ws', path: '/mqtt' },
    );
    expect(final.problem?.code).toBe('MALFORMED_PACKET');
    expect((await broker.closed(0))?.body[0]).toBe(0x81);
  });

  it('two topics differing only in invalid bytes never merge into one row', async () => {
    const good = rawPublish({ topic: topic('ok/topic'), payload: Buffer.from('fine'), v5: true });
    const { final, connectionId } = await session.run({
      reply: CONNACK_V5,
      then: Buffer.concat([
        good,
        rawPublish({ topic: topic('bad/\xff'), v5: true }),
        rawPublish({ topic: topic('bad/\xfe'), v5: true }),
      ]),
    });
    expect(final.problem?.code).toBe('MALFORMED_PACKET');
    const received = await receivedMessages(session.dispatch, connectionId);
    expect(received.map((m) => m.topic)).toEqual(['ok/topic']);
  });

  it('a malformed property the parser refuses closes with 0x81 (not swallowed)', async () => {
    // PUBLISH "a", property length 2, property id 0x7f (none such), then a payload byte.
    const body = bytes(0x00, 0x01, 0x61, 0x02, 0x7f, 0x00, 0x78);
    const { final, broker } = await session.run({
      reply: Buffer.concat([CONNACK_V5, bytes(0x30), remainingLength(body.length), body]),
    });
    expect(final.problem?.code).toBe('MALFORMED_PACKET');
    expect(englishOf(final.problem)).toMatch(/parser refused \("Unknown property"\)/);
    expect((await broker.closed(0))?.body[0]).toBe(0x81);
  });

  it('garbage instead of CONNACK is "not MQTT" at once, not a CONNACK timeout', async () => {
    const started = Date.now();
    const { final } = await session.run(
      { reply: Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n') },
      { connectTimeoutMs: 60_000 },
      20_000,
    );
    expect(final.state).toBe('failed');
    expect(final.problem?.code).toBe('NOT_MQTT');
    expect(englishOf(final.problem)).toMatch(/did not answer in MQTT.*"HTTP\/1\.1 400 Bad Request/);
    // Far below the 60 s connect timeout, with room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a protocol error mqtt.js finds itself is not reported as a CONNACK code', async () => {
    // A Topic Alias (property 0x23) although the client advertised no Topic Alias Maximum.
    const body = bytes(0x00, 0x01, 0x61, 0x03, 0x23, 0x00, 0x01, 0x78);
    const { final, statuses } = await session.run({
      reply: Buffer.concat([CONNACK_V5, bytes(0x30), remainingLength(body.length), body]),
    });
    expect(statuses.some((s) => s.state === 'connected')).toBe(true);
    expect(final.state).toBe('failed');
    expect(final.problem?.code).toBe('TOPIC_ALIAS_INVALID');
    expect(final.problem?.code).not.toMatch(/^CONNACK/);
    expect(englishOf(final.problem)).toMatch(/^MQScope closed the connection: it found a problem/);
    expect(final.connack?.reasonCode).toBe(0);
  });

  it('a real refusal is still the broker refusing (CONNACK 0x87)', async () => {
    const { final } = await session.run({ reply: bytes(0x20, 0x03, 0x00, 0x87, 0x00) });
    expect(final).toMatchObject({ state: 'failed', reason: { key: 'state.refused' } });
    expect(final.problem?.code).toBe('CONNACK 0x87');
  });

  it('does not reconnect to a broker that sent a broken packet', async () => {
    const { final, broker, statuses } = await session.run(
      { reply: after(CONNACK_V5, bytes(0x36, 0x00)) },
      { reconnect: { maxAttempts: 5, periodMs: 100 } },
    );
    // "failed" is terminal: no reconnect timer was set, unlike a lost connection.
    expect(final).toMatchObject({ state: 'failed', reason: { key: 'state.protocolBroken' } });
    expect(statuses.map((s) => s.state)).not.toContain('reconnecting');
    await broker.closed(0);
    expect(broker.packets.filter((p) => p.type === 1)).toHaveLength(1);
  });
});
