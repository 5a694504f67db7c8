import { describe, expect, it } from 'vitest';
import type { PacketRecord } from '../../electron/contract';
import { pairPackets } from '../../src/packets/packet-pairs';

let seq = 0;
function packet(
  direction: PacketRecord['direction'],
  type: PacketRecord['type'],
  at: number,
  extra: Partial<PacketRecord> = {},
): PacketRecord {
  return { seq: ++seq, at, direction, type, fields: {}, ...extra };
}

describe('pairPackets', () => {
  it('links requests to what completes them, with the round trip', () => {
    const connect = packet('out', 'connect', 0);
    const connack = packet('in', 'connack', 2);
    const sub = packet('out', 'subscribe', 3, { messageId: 1 });
    const ping = packet('out', 'pingreq', 4);
    const q1 = packet('out', 'publish', 5, { messageId: 2, fields: { qos: 1 } });
    const q2 = packet('out', 'publish', 6, { messageId: 3, fields: { qos: 2 } });
    const suback = packet('in', 'suback', 7, { messageId: 1 });
    const pong = packet('in', 'pingresp', 8.55);
    const puback = packet('in', 'puback', 9, { messageId: 2 });
    const pubrec = packet('in', 'pubrec', 10, { messageId: 3 });
    const pubrel = packet('out', 'pubrel', 11, { messageId: 3 });
    const pubcomp = packet('in', 'pubcomp', 12, { messageId: 3 });
    const pairs = pairPackets([
      connect,
      connack,
      sub,
      ping,
      q1,
      q2,
      suback,
      pong,
      puback,
      pubrec,
      pubrel,
      pubcomp,
    ]);
    expect(pairs.get(connect.seq)).toEqual({ partnerSeq: connack.seq, rttMs: 2, role: 'request' });
    expect(pairs.get(suback.seq)).toEqual({ partnerSeq: sub.seq, rttMs: 4, role: 'answer' });
    expect(pairs.get(ping.seq)?.rttMs).toBe(4.6);
    expect(pairs.get(q1.seq)?.partnerSeq).toBe(puback.seq);
    expect(pairs.get(q2.seq)).toEqual({ partnerSeq: pubcomp.seq, rttMs: 6, role: 'request' });
    expect(pairs.has(pubrec.seq)).toBe(false);
  });

  it('pairs a received QoS 1 publish with our PUBACK, and leaves QoS 0 alone', () => {
    const incoming = packet('in', 'publish', 0, { messageId: 9, fields: { qos: 1 } });
    const q0 = packet('in', 'publish', 1, { fields: { qos: 0 } });
    const ack = packet('out', 'puback', 2, { messageId: 9 });
    const pairs = pairPackets([incoming, q0, ack]);
    expect(pairs.get(ack.seq)).toEqual({ partnerSeq: incoming.seq, rttMs: 2, role: 'answer' });
    expect(pairs.has(q0.seq)).toBe(false);
  });
});
