import type { PacketRecord } from '../../electron/contract';

export interface PacketPair {
  /** The other packet of the exchange. */
  partnerSeq: number;
  /** Request → final answer, in ms (the same on both rows). */
  rttMs: number;
  role: 'request' | 'answer';
}

/** What closes each exchange a client or broker opens (MQTT §4.3 flows, SUBSCRIBE, PING, CONNECT). */
function answerKind(p: PacketRecord): string | null {
  switch (p.type) {
    case 'publish': {
      const qos = p.fields['qos'];
      return qos === 1 ? 'puback' : qos === 2 ? 'pubcomp' : null;
    }
    case 'subscribe':
      return 'suback';
    case 'unsubscribe':
      return 'unsuback';
    case 'pingreq':
      return 'pingresp';
    case 'connect':
      return 'connack';
    default:
      return null;
  }
}

/**
 * Links each request to the packet that completes it, in the other direction: PUBLISH with
 * its PUBACK (QoS 1) or PUBCOMP (QoS 2), SUBSCRIBE with SUBACK, PINGREQ with PINGRESP,
 * CONNECT with CONNACK. Packet ids pair the first kinds; pings and CONNECT pair in order.
 */
export function pairPackets(packets: readonly PacketRecord[]): Map<number, PacketPair> {
  const pairs = new Map<number, PacketPair>();
  const open = new Map<string, PacketRecord>();
  const key = (direction: PacketRecord['direction'], kind: string, id: number | undefined) =>
    `${direction}:${kind}:${id ?? ''}`;
  for (const p of packets) {
    // An answer travels the other way from its request.
    const requestDirection = p.direction === 'in' ? 'out' : 'in';
    const request = open.get(key(requestDirection, p.type, p.messageId));
    if (request) {
      open.delete(key(requestDirection, p.type, p.messageId));
      const rttMs = Math.round((p.at - request.at) * 10) / 10;
      pairs.set(request.seq, { partnerSeq: p.seq, rttMs, role: 'request' });
      pairs.set(p.seq, { partnerSeq: request.seq, rttMs, role: 'answer' });
      continue;
    }
    const kind = answerKind(p);
    if (kind) open.set(key(p.direction, kind, p.messageId), p);
  }
  return pairs;
}
