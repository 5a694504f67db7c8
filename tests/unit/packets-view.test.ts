/** The packet timeline's store (merging list and batches by seq) and its one-line summaries. */
import { describe, expect, it } from 'vitest';
import type { PacketRecord } from '../../electron/contract';
import { createPacketStore } from '../../src/packets/packet-store';
import { packetDelta, packetSummary } from '../../src/packets/packet-summary';

const packet = (
  seq: number,
  type: PacketRecord['type'] = 'pingreq',
  fields: PacketRecord['fields'] = {},
): PacketRecord => ({
  seq,
  at: 1_000 + seq,
  direction: 'out',
  type,
  fields,
});
const seqs = (store: ReturnType<typeof createPacketStore>) => store.getSnapshot().packets.map((p) => p.seq);

describe('packet store', () => {
  it('merges a listed ring with batches that arrived meanwhile, without duplicates', () => {
    const store = createPacketStore();
    store.follow('c1');
    store.append('c1', [packet(4), packet(5)]);
    store.load('c1', { packets: [packet(1), packet(2), packet(3), packet(4)], dropped: 7 });
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5]);
    expect(store.getSnapshot().engineDropped).toBe(7);
    store.append('c1', [packet(5), packet(6)]);
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ignores other connections, and everything while following none', () => {
    const store = createPacketStore();
    store.append('c1', [packet(1)]);
    expect(seqs(store)).toEqual([]);
    store.follow('c1');
    store.append('c2', [packet(1)]);
    store.load('c2', { packets: [packet(1)], dropped: 0 });
    expect(seqs(store)).toEqual([]);
  });

  it('counts packets a sampled burst did not stream', () => {
    const store = createPacketStore();
    store.follow('c1');
    store.load('c1', { packets: [packet(1)], dropped: 0 });
    store.append('c1', [packet(2), packet(10), packet(11)]);
    expect(store.getSnapshot().notStreamed).toBe(7);
  });

  it('keeps the newest within its limit and says how many it let go', () => {
    const store = createPacketStore(3);
    store.follow('c1');
    store.load('c1', { packets: [packet(1), packet(2)], dropped: 0 });
    store.append('c1', [packet(3), packet(4), packet(5)]);
    expect(seqs(store)).toEqual([3, 4, 5]);
    expect(store.getSnapshot().viewDropped).toBe(2);
  });

  it('starts over when it follows another connection', () => {
    const store = createPacketStore();
    store.follow('c1');
    store.load('c1', { packets: [packet(1)], dropped: 2 });
    store.follow('c2');
    expect(store.getSnapshot()).toMatchObject({ connectionId: 'c2', packets: [], engineDropped: 0 });
  });
});

describe('packet summary', () => {
  it('summarises CONNECT with the masked password as the engine gave it', () => {
    const text = packetSummary(
      packet(1, 'connect', {
        protocolId: 'MQTT',
        protocolVersion: 5,
        clientId: 'dev-1',
        keepalive: 60,
        clean: true,
        username: 'alice',
        password: '••••••',
        will: { topic: 'dev/1/status', qos: 1 },
      }),
    );
    expect(text).toBe(
      'MQTT 5 · client dev-1 · keepalive 60 s · clean · user alice · password •••••• · will → dev/1/status',
    );
  });

  it('summarises PUBLISH, SUBSCRIBE, SUBACK and a refused SUBACK code', () => {
    expect(
      packetSummary(
        packet(1, 'publish', { topic: 'a/b', qos: 1, retain: true, dup: false, payloadSize: 12 }),
      ),
    ).toBe('a/b · QoS 1 · retain · 12 B');
    expect(
      packetSummary(packet(1, 'subscribe', { subscriptions: [{ topic: 'a/#', qos: 1, nl: true, rh: 2 }] })),
    ).toBe('a/# (QoS 1 NL RH 2)');
    expect(packetSummary(packet(1, 'suback', { granted: [1, 135] }))).toBe('granted 1, 0x87');
  });

  it('shows non-success reason codes and counts properties', () => {
    expect(packetSummary(packet(1, 'puback', { reasonCode: 16, properties: { reasonString: 'x' } }))).toBe(
      'reason 0x10 · 1 property',
    );
    expect(
      packetSummary(packet(1, 'disconnect', { reasonCode: 142, properties: { reasonString: 'taken over' } })),
    ).toBe('reason 0x8e · "taken over" · 1 property');
    expect(packetSummary(packet(1, 'pingresp'))).toBe('');
  });

  it('formats the time since the previous packet', () => {
    expect(packetDelta(null)).toBe('');
    expect(packetDelta(0.42)).toBe('+0.4 ms');
    expect(packetDelta(130)).toBe('+130 ms');
    expect(packetDelta(2310)).toBe('+2.31 s');
  });
});
