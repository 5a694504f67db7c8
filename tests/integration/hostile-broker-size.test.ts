/**
 * Trust #18 (parse part): a default Maximum Packet Size, announced in an MQTT 5 CONNECT and
 * enforced while parsing for every version, so an oversized PUBLISH is refused from its fixed
 * header instead of being buffered whole. The fake broker announces a 200 MB PUBLISH and
 * then streams its body; the client must close before the body piles up in memory.
 */
import type { Duplex } from 'node:stream';
import { englishOf } from '../support/english';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PACKET_BYTES } from '../../electron/contract';
import { CONNACK_V311, CONNACK_V5, rawPublish, remainingLength } from '../support/fake-broker';
import { useHostileSession } from '../support/hostile-session';

const HUGE = 200 * 1024 * 1024;
const CHUNK = Buffer.alloc(1024 * 1024, 0x61);

/** A PUBLISH header announcing `length` bytes, then as much of its body as the socket takes. */
function hugePublish(length: number, v5: boolean) {
  let written = 0;
  const header = Buffer.concat([
    Buffer.from([0x30]),
    remainingLength(length),
    Buffer.from([0x00, 0x03, 0x62, 0x69, 0x67]),
    v5 ? Buffer.from([0x00]) : Buffer.alloc(0),
  ]);
  const stream = (socket: Duplex) => {
    socket.write(header);
    const pump = () => {
      while (socket.writable && written < length) {
        written += CHUNK.length;
        if (!socket.write(CHUNK)) return void socket.once('drain', pump);
      }
    };
    pump();
  };
  return { stream, written: () => written };
}

/** The highest RSS seen until `until` settles, sampled every 5 ms. */
async function peakRss<T>(until: Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await until;
    return { result, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

/** The Maximum Packet Size property (0x27) of a CONNECT body, if present. */
function announcedMaximum(connect: Buffer): number | undefined {
  const at = connect.indexOf(Buffer.from([0x27]), 10);
  return at < 0 ? undefined : connect.readUInt32BE(at + 1);
}

describe('hostile broker: oversized packets are refused from their header (Trust #18)', () => {
  const session = useHostileSession();

  it('MQTT 5 announces a default Maximum Packet Size and closes with DISCONNECT 0x95', async () => {
    const huge = hugePublish(HUGE, true);
    const before = process.memoryUsage().rss;
    const { result, peak } = await peakRss(session.run({ reply: CONNACK_V5, after: huge.stream }));
    const { final, broker } = result;
    expect(final.state).toBe('failed');
    expect(final.problem?.code).toBe('PACKET_TOO_LARGE');
    expect(englishOf(final.problem)).toMatch(
      /PUBLISH of 209,715,\d+ bytes, above this connection's limit of 33,554,432 bytes \(MQTT 5 §3\.1\.2\.11\.4\)/,
    );
    expect((await broker.closed(0))?.body[0]).toBe(0x95);
    const connect = broker.packets.find((p) => p.type === 1);
    expect(connect && announcedMaximum(connect.body)).toBe(DEFAULT_MAX_PACKET_BYTES);
    // Closed from the header: far less than the body was ever written, none of it kept.
    expect(huge.written()).toBeLessThan(HUGE / 4);
    console.info(`Trust #18: 200 MB PUBLISH, RSS high-water +${((peak - before) / 2 ** 20).toFixed(1)} MiB`);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('MQTT 3.1.1 enforces the same cap client-side and just closes', async () => {
    const huge = hugePublish(HUGE, false);
    const { final, broker } = await session.run(
      { reply: CONNACK_V311, after: huge.stream },
      { protocolVersion: '3.1.1' },
    );
    expect(final.problem?.code).toBe('PACKET_TOO_LARGE');
    expect(englishOf(final.problem)).toMatch(/client-side cap: MQTT 3\.1\.1 has no Maximum Packet Size/);
    expect(await broker.closed(0)).toBeNull();
    expect(huge.written()).toBeLessThan(HUGE / 4);
  });

  it('honours a Maximum Packet Size set in the profile, on both sides of it', async () => {
    const options = { connectProperties: { maximumPacketSize: 1024 } };
    const fits = rawPublish({ topic: Buffer.from('t'), payload: Buffer.alloc(900), v5: true });
    const over = rawPublish({ topic: Buffer.from('t'), payload: Buffer.alloc(1100), v5: true });
    const { final, broker, connectionId } = await session.run(
      { reply: CONNACK_V5, then: Buffer.concat([fits, over]) },
      options,
    );
    expect(final.problem?.code).toBe('PACKET_TOO_LARGE');
    expect(englishOf(final.problem)).toMatch(/limit of 1,024 bytes/);
    expect((await broker.closed(0))?.body[0]).toBe(0x95);
    const connect = broker.packets.find((p) => p.type === 1);
    expect(connect && announcedMaximum(connect.body)).toBe(1024);
    const poll = await session.dispatch('stream.poll', { connectionId });
    expect(poll.ok && (poll.value as { stats: { count: number } }).stats.count).toBe(1);
  });
});
