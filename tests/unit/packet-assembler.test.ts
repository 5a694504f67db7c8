/**
 * Trust #18: a large packet that spans socket reads reaches mqtt-packet's parser as one
 * buffer, so its payload is a view of that buffer instead of a second copy; whatever way the
 * socket splits the stream, the parser sees the same packets.
 */
import mqttPacket, { type IPublishPacket, type Packet } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { FrameGuard } from '../../electron/engine/wire/frame-guard';
import { PacketAssembler } from '../../electron/engine/wire/guarded-stream';
import { CONNACK_V5, rawPublish } from '../support/fake-broker';

const MiB = 1024 * 1024;

function large(seed: number, bytes: number): Buffer {
  const payload = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < bytes; i++) payload[i] = (i * 31 + seed) & 0xff;
  return payload;
}

const payloads = [large(1, 3 * MiB), Buffer.from('small'), large(2, 200 * 1024), large(3, 65 * 1024)];
const STREAM = Buffer.concat([
  CONNACK_V5,
  ...payloads.map((payload, i) =>
    rawPublish({ topic: Buffer.from(`t/${i}`), payload, qos: 1, packetId: i + 1, v5: true }),
  ),
  Buffer.from([0xd0, 0x00]), // PINGRESP after the last large one
]);

/** Runs the stream through guard, assembler and parser in pieces of `size`; what the parser gave, and what it was fed. */
function run(size: number) {
  const guard = new FrameGuard(true, 32 * MiB);
  const assembler = new PacketAssembler();
  const parser = mqttPacket.parser({ protocolVersion: 5 });
  const packets: Packet[] = [];
  const fed: Buffer[] = [];
  parser.on('packet', (packet: Packet) => packets.push(packet));
  parser.on('error', (error: Error) => {
    throw error;
  });
  for (let at = 0; at < STREAM.length; at += size) {
    const chunk = STREAM.subarray(at, at + size);
    const violation = guard.check(chunk);
    if (violation) throw new Error(`the guard refused ${violation.what.key}`);
    for (const part of assembler.feed(chunk, guard.openPacket)) {
      fed.push(part);
      parser.parse(part);
    }
  }
  return { packets, fed };
}

describe('the large-packet assembler (Trust #18)', () => {
  for (const size of [1, 7, 1000, 4099, 64 * 1024, 1 * MiB, 10 * MiB]) {
    it(`gives the parser the same packets with reads of ${size} bytes`, () => {
      const { packets, fed } = run(size);
      expect(fed.reduce((sum, part) => sum + part.length, 0)).toBe(STREAM.length);
      const publishes = packets.filter((p): p is IPublishPacket => p.cmd === 'publish');
      expect(publishes.map((p) => p.topic)).toEqual(['t/0', 't/1', 't/2', 't/3']);
      publishes.forEach((p, i) =>
        expect(Buffer.compare(p.payload as Buffer, payloads[i] ?? Buffer.alloc(0))).toBe(0),
      );
      expect(packets.at(-1)?.cmd).toBe('pingresp');
    });
  }

  it('makes a spanning large payload a view of one buffer the size of its packet, not a copy', () => {
    const { packets } = run(64 * 1024);
    const first = packets.find((p): p is IPublishPacket => p.cmd === 'publish' && p.topic === 't/0');
    const payload = first?.payload as Buffer;
    // The packet's buffer holds the fixed header, topic, id and properties as well: a few bytes more.
    expect(payload.buffer.byteLength).toBeGreaterThan(payload.length);
    expect(payload.buffer.byteLength - payload.length).toBeLessThan(32);
  });
});
