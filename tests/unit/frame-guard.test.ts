/**
 * The frame guard on its own (Trust #7, #18): well-formed traffic passes whatever way the
 * socket splits it, and each packet a client must refuse is found, also when split.
 */
import { describe, expect, it } from 'vitest';
import { FrameGuard, topicViolation } from '../../electron/engine/wire/frame-guard';
import { englishOf } from '../support/english';
import { CONNACK_V311, CONNACK_V5, rawPublish } from '../support/fake-broker';

const MiB = 1024 * 1024;
const bytes = (...list: number[]) => Buffer.from(list);

/** Feeds `stream` in pieces of `size` bytes; the first violation, or null. */
function feed(stream: Buffer, size: number, v5 = true, max = 32 * MiB) {
  const guard = new FrameGuard(v5, max);
  for (let at = 0; at < stream.length; at += size) {
    const violation = guard.check(stream.subarray(at, at + size));
    if (violation) return violation;
  }
  return null;
}

const GOOD_V5 = Buffer.concat([
  CONNACK_V5,
  rawPublish({ topic: Buffer.from('a/ü/€/𝄞'), payload: Buffer.alloc(300, 1), qos: 1, packetId: 7, v5: true }),
  bytes(0x40, 0x02, 0x00, 0x07), // PUBACK
  bytes(0x50, 0x03, 0x00, 0x08, 0x00), // PUBREC with a reason code
  bytes(0x62, 0x02, 0x00, 0x09), // PUBREL with its 0b0010 flags
  bytes(0x90, 0x03, 0x00, 0x01, 0x00), // SUBACK
  bytes(0xd0, 0x00), // PINGRESP
  rawPublish({ topic: Buffer.from('x'), payload: Buffer.alloc(0), qos: 2, packetId: 65535, v5: true }),
  bytes(0xe0, 0x01, 0x8b), // DISCONNECT from the server (MQTT 5 only)
]);

describe('FrameGuard', () => {
  it.each([1, 2, 3, 7, 64, 100_000])('passes well-formed MQTT 5 traffic split every %i bytes', (size) => {
    expect(feed(GOOD_V5, size)).toBeNull();
  });

  it('passes well-formed MQTT 3.1.1 traffic', () => {
    const stream = Buffer.concat([
      CONNACK_V311,
      rawPublish({ topic: Buffer.from('t/1'), payload: Buffer.from('hi'), v5: false }),
      bytes(0x40, 0x02, 0x00, 0x01),
    ]);
    for (const size of [1, 5, 1000]) expect(feed(stream, size, false)).toBeNull();
  });

  it.each([
    [
      'a 5-byte remaining length',
      bytes(0x30, 0x80, 0x80, 0x80, 0x80, 0x01),
      'malformed',
      /longer than 4 bytes/,
    ],
    ['QoS 3', bytes(0x36, 0x02, 0x00, 0x00), 'malformed', /QoS 3/],
    [
      'packet id 0',
      rawPublish({ topic: Buffer.from('a'), qos: 2, packetId: 0, v5: true }),
      'protocol',
      /packet identifier 0/,
    ],
    [
      'invalid UTF-8',
      rawPublish({ topic: Buffer.from([0x61, 0xc3]), v5: true }),
      'malformed',
      /not valid UTF-8/,
    ],
    [
      'an overlong encoding',
      rawPublish({ topic: Buffer.from([0xc0, 0xaf]), v5: true }),
      'malformed',
      /UTF-8/,
    ],
    ['a topic past the packet end', bytes(0x30, 0x03, 0x00, 0x09, 0x61), 'malformed', /runs past the end/],
    ['a second CONNACK', CONNACK_V5, 'protocol', /second CONNACK/],
    ['an UNSUBSCRIBE', bytes(0xa2, 0x00), 'protocol', /only a client/],
    ['reserved type 0', bytes(0x00, 0x00), 'malformed', /reserved type 0/],
    ['a PUBACK too short', bytes(0x40, 0x01, 0x00), 'malformed', /remaining length of 1/],
  ])('finds %s after CONNACK, also byte by byte', (_name, bad, kind, what) => {
    for (const size of [1, 1000]) {
      const violation = feed(Buffer.concat([CONNACK_V5, bad]), size);
      expect(violation?.kind).toBe(kind);
      expect(englishOf(violation?.what)).toMatch(what);
    }
  });

  it('refuses a DISCONNECT or AUTH from an MQTT 3.1.1 server', () => {
    expect(englishOf(feed(Buffer.concat([CONNACK_V311, bytes(0xe0, 0x00)]), 100, false)?.what)).toMatch(
      /only a client/,
    );
    expect(feed(Buffer.concat([CONNACK_V311, bytes(0xf0, 0x00)]), 100, false)?.kind).toBe('malformed');
  });

  it('refuses an oversized packet from its fixed header (Trust #18)', () => {
    const header = bytes(0x30, 0xff, 0xff, 0xff, 0x7f); // 268,435,455 bytes announced
    const violation = feed(Buffer.concat([CONNACK_V5, header]), 1);
    expect(violation).toMatchObject({ kind: 'too-large', v5: '§3.1.2.11.4' });
    // Exactly at the limit passes: the limit counts the whole packet, fixed header included.
    const at = rawPublish({ topic: Buffer.from('t'), payload: Buffer.alloc(100), v5: true });
    expect(feed(Buffer.concat([CONNACK_V5, at]), 50, true, at.length)).toBeNull();
    expect(feed(Buffer.concat([CONNACK_V5, at]), 50, true, at.length - 1)?.kind).toBe('too-large');
  });

  it('says "not MQTT" for bytes that cannot start a packet before CONNACK, and shows them', () => {
    const violation = feed(Buffer.from('HTTP/1.1 400 Bad Request\r\n'), 1000);
    expect(violation?.kind).toBe('not-mqtt');
    expect(englishOf(violation?.what)).toContain('"HTTP/1.1 400 Bad Request');
    expect(englishOf(feed(bytes(0xde, 0xad, 0xbe, 0xef), 10)?.what)).toContain('deadbeef');
  });

  it('tells the offset of whole packets before the offending one', () => {
    const guard = new FrameGuard(true, MiB);
    expect(guard.check(Buffer.concat([CONNACK_V5, bytes(0x36, 0x00)]))?.kind).toBe('malformed');
    expect(guard.safeBytes).toBe(CONNACK_V5.length);
    expect(guard.connackSeen).toBe(true);
  });
});

describe('topicViolation', () => {
  it('accepts any valid UTF-8 name without NUL or wildcards', () => {
    expect(topicViolation(Buffer.from('sensors/🌡/ümlaut'), true)).toBeNull();
  });

  it('accepts an empty MQTT 5 name (a Topic Alias may stand for it) but not a 3.1.1 one', () => {
    expect(topicViolation(Buffer.alloc(0), true)).toBeNull();
    expect(topicViolation(Buffer.alloc(0), false)?.kind).toBe('protocol');
  });

  it('refuses NUL, surrogates and wildcards', () => {
    expect(englishOf(topicViolation(Buffer.from('a\u0000'), true)?.what)).toMatch(/U\+0000/);
    expect(englishOf(topicViolation(Buffer.from([0xed, 0xb0, 0x80]), true)?.what)).toMatch(/UTF-8/);
    expect(englishOf(topicViolation(Buffer.from('a/+/b'), true)?.what)).toMatch(/wildcard/);
  });
});
