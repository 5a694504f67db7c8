import { isUtf8 } from 'node:buffer';
import { malformed, protocolError, say, type WireViolation } from './violation';

/**
 * Reads the broker's byte stream ahead of mqtt-packet's parser and stops it at the first
 * packet the client must refuse. mqtt-packet emits a mere 'error' for some of these (which
 * mqtt.js forwards while staying connected), accepts others (a second CONNACK reaches
 * mqtt.js late, a PUBLISH before CONNACK or with packet id 0 is delivered), decodes topics
 * with U+FFFD replacement, and buffers a packet whole before anyone sees its length.
 *
 * It looks only at fixed headers and at a PUBLISH's topic and packet identifier, so its cost
 * is O(header + topic) per packet; payload bytes are counted, never copied.
 */

const PACKET_NAMES = [
  'reserved packet type 0',
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
] as const;

const CONNACK = 2;
const PUBLISH = 3;
const PINGRESP = 13;
const DISCONNECT = 14;
const AUTH = 15;
/** Packets only a client sends (Table 2.1 / 2.1 "Direction of flow"). */
const CLIENT_ONLY = new Set([1, 8, 10, 12]);
/** PUBREL, SUBSCRIBE and UNSUBSCRIBE carry flags 0b0010; every other non-PUBLISH type 0. */
const FLAGS_0010 = new Set([6, 8, 10]);
/** Acknowledgements whose MQTT 3.1.1 remaining length is exactly 2, with their sections. */
const TWO_BYTE_BODY: ReadonlyMap<number, string> = new Map([
  [2, '§3.2.1'],
  [4, '§3.4.1'],
  [5, '§3.5.1'],
  [6, '§3.6.1'],
  [7, '§3.7.1'],
  [11, '§3.11.1'],
]);

export interface OpenPacket {
  start: number;
  size: number | null;
}

/** Where in a packet the guard is. */
const Step = { Header: 0, Length: 1, Collect: 2, Skip: 3 } as const;
type Step = (typeof Step)[keyof typeof Step];

/** What a collected run of bytes is: a PUBLISH's topic length, or its topic and packet id. */
const Collecting = { TopicLength: 0, TopicAndId: 1 } as const;
type Collecting = (typeof Collecting)[keyof typeof Collecting];

export class FrameGuard {
  private step: Step = Step.Header;
  private type = 0;
  private qos = 0;
  private length = 0;
  private lengthMul = 1;
  private lengthBytes = 0;
  /** Body bytes of the current packet not yet read. */
  private remaining = 0;
  private collecting: Collecting = Collecting.TopicLength;
  private buf: Buffer = Buffer.alloc(0);
  private fill = 0;
  /** Whether this network connection has carried a CONNACK (a parser error after it is "malformed", not "not MQTT"). */
  connackSeen = false;
  /** The 2-byte topic length of a PUBLISH whose header is split across reads. */
  private readonly lengthBuf = Buffer.alloc(2);
  /**
   * After check() found a violation: how many bytes of that chunk are whole packets before
   * the offending one, which the parser may still have (a CONNACK sharing a read with it).
   */
  safeBytes = 0;
  /**
   * Where in the last chunk the current packet began: negative when its fixed header began
   * in the chunk before (minus the header bytes seen there); null when it began earlier still.
   */
  private packetStart: number | null = null;
  /** The current packet's whole size (fixed header included), once its length is read. */
  private packetSize = 0;

  constructor(
    private readonly v5: boolean,
    /** Largest whole packet (fixed header included) this connection accepts. */
    private readonly maxPacketSize: number,
  ) {}

  /** Feeds one chunk as it came off the socket; the first violation found, or null. */
  check(chunk: Uint8Array): WireViolation | null {
    let i = 0;
    const n = chunk.length;
    this.safeBytes = 0;
    this.packetStart = this.step === Step.Length ? -(1 + this.lengthBytes) : null;
    while (i < n) {
      switch (this.step) {
        case Step.Header: {
          this.safeBytes = i;
          this.packetStart = i;
          this.packetSize = 0;
          const violation = this.onFirstByte(chunk[i] ?? 0, chunk.subarray(i, i + 24));
          if (violation) return violation;
          i++;
          this.step = Step.Length;
          this.length = 0;
          this.lengthMul = 1;
          this.lengthBytes = 0;
          break;
        }
        case Step.Length: {
          const byte = chunk[i++] ?? 0;
          this.length += (byte & 0x7f) * this.lengthMul;
          this.lengthMul *= 128;
          this.lengthBytes++;
          if (byte & 0x80) {
            if (this.lengthBytes === 4) {
              return malformed(say('remainingLengthTooLong'), '§2.2.3', '§1.5.5');
            }
            break;
          }
          const violation = this.onLength();
          if (violation) return violation;
          if ((this.step as Step) === Step.Collect && n - i >= 2) {
            // The usual case: topic and packet id lie in this chunk, so check them in place.
            const need = (((chunk[i] ?? 0) << 8) | (chunk[i + 1] ?? 0)) + (this.qos > 0 ? 2 : 0);
            if (n - i - 2 >= need) {
              const bad = this.checkPublishHead(chunk.subarray(i + 2, i + 2 + need), need);
              if (bad) return bad;
              i += 2 + need;
            }
          }
          break;
        }
        case Step.Collect: {
          const take = Math.min(this.buf.length - this.fill, n - i);
          this.buf.set(chunk.subarray(i, i + take), this.fill);
          this.fill += take;
          i += take;
          if (this.fill === this.buf.length) {
            const violation = this.onCollected();
            if (violation) return violation;
          }
          break;
        }
        case Step.Skip: {
          const take = Math.min(this.remaining, n - i);
          i += take;
          this.remaining -= take;
          if (this.remaining === 0) this.step = Step.Header;
          break;
        }
      }
    }
    return null;
  }

  /**
   * After check() returned null: the packet the last chunk ends inside of, when its fixed
   * header began in that chunk or straddled into it (start < 0); size is null while the
   * header itself is cut. Null when the chunk ends between packets or deep inside one.
   */
  get openPacket(): OpenPacket | null {
    if (this.step === Step.Header || this.packetStart === null) return null;
    return { start: this.packetStart, size: this.step === Step.Length ? null : this.packetSize };
  }

  private onFirstByte(byte: number, preview: Uint8Array): WireViolation | null {
    const type = byte >> 4;
    const flags = byte & 0x0f;
    this.type = type;
    this.qos = (flags >> 1) & 3;
    const name = PACKET_NAMES[type] ?? `packet type ${type}`;
    const reserved = type === 0 || (type === AUTH && !this.v5);
    const flagsOk = type === PUBLISH ? this.qos !== 3 : flags === (FLAGS_0010.has(type) ? 2 : 0);
    if (!this.connackSeen) {
      // Before CONNACK, bytes that cannot even start a packet mean the peer is not an MQTT broker.
      if (reserved || !flagsOk) return notMqtt(preview);
      if (type === CONNACK) {
        this.connackSeen = true;
        return null;
      }
      if (type === AUTH) return null;
      return protocolError(say('beforeConnack', { packet: name }), '§3.2', '§3.2');
    }
    if (reserved) return malformed(say('reservedType', { type }), '§2.2.1', '§2.1.2');
    if (type === PUBLISH && !flagsOk) return malformed(say('publishQos3'), '§3.3.1.2', '§3.3.1.2');
    if (!flagsOk) {
      return malformed(
        say('wrongFlags', { packet: name, flags: `0x${flags.toString(16)}` }),
        '§2.2.2',
        '§2.1.3',
      );
    }
    if (CLIENT_ONLY.has(type) || (type === DISCONNECT && !this.v5)) {
      return protocolError(say('clientOnly', { packet: name }), '§2.2.1', '§2.1.2');
    }
    if (type === CONNACK) return protocolError(say('secondConnack'), '§3.2', '§3.2');
    return null;
  }

  private onLength(): WireViolation | null {
    const { type, length } = this;
    const name = PACKET_NAMES[type] ?? `packet type ${type}`;
    const size = 1 + this.lengthBytes + length;
    this.packetSize = size;
    if (size > this.maxPacketSize) {
      return {
        kind: 'too-large',
        what: say('tooLarge', {
          packet: name,
          size: size.toLocaleString('en-US'),
          limit: this.maxPacketSize.toLocaleString('en-US'),
        }),
        v3: '',
        v5: '§3.1.2.11.4',
      };
    }
    if (type === PINGRESP && length !== 0) {
      return malformed(say('pingrespBody', { length }), '§3.13', '§3.13.1');
    }
    const section = TWO_BYTE_BODY.get(type);
    if (section && (this.v5 ? length < 2 : length !== 2)) {
      return malformed(say('badLength', { packet: name, length }), section, section);
    }
    if (type === PUBLISH) {
      if (length < 2 + (this.qos > 0 ? 2 : 0)) {
        return malformed(say('publishTooShort', { length }), '§3.3.2', '§3.3.2');
      }
      this.remaining = length;
      this.startCollect(2, Collecting.TopicLength);
      return null;
    }
    this.remaining = length;
    this.step = length > 0 ? Step.Skip : Step.Header;
    return null;
  }

  private startCollect(bytes: number, what: Collecting): void {
    this.buf = what === Collecting.TopicLength ? this.lengthBuf : Buffer.allocUnsafe(bytes);
    this.fill = 0;
    this.collecting = what;
    this.step = Step.Collect;
    this.remaining -= bytes;
  }

  private onCollected(): WireViolation | null {
    if (this.collecting === Collecting.TopicLength) {
      const need = this.buf.readUInt16BE(0) + (this.qos > 0 ? 2 : 0);
      if (need > this.remaining) return pastTheEnd();
      this.startCollect(need, Collecting.TopicAndId);
      if (need === 0) return this.onCollected();
      return null;
    }
    this.remaining += this.buf.length; // checkPublishHead counts the head itself
    return this.checkPublishHead(this.buf, this.buf.length);
  }

  /** A PUBLISH's topic and packet id (`need` bytes, the 2-byte topic length already read). */
  private checkPublishHead(head: Uint8Array, need: number): WireViolation | null {
    if (need > this.remaining) return pastTheEnd();
    const idBytes = this.qos > 0 ? 2 : 0;
    const topic = head.subarray(0, need - idBytes);
    const violation = topicViolation(topic, this.v5);
    if (violation) return violation;
    if (idBytes && (head[need - 2] ?? 0) === 0 && (head[need - 1] ?? 0) === 0) {
      return protocolError(say('publishIdZero', { qos: this.qos }), '§2.3.1', '§2.2.1');
    }
    this.remaining -= need;
    this.step = this.remaining > 0 ? Step.Skip : Step.Header;
    return null;
  }
}

/** A PUBLISH topic name the client must refuse (MQTT 3.1.1 §1.5.3, §3.3.2.1; MQTT 5 §1.5.4, §3.3.2.1). */
export function topicViolation(topic: Uint8Array, v5: boolean): WireViolation | null {
  // MQTT 5 allows an empty name when a Topic Alias stands for it; mqtt.js checks the alias.
  if (topic.length === 0) {
    return v5 ? null : protocolError(say('emptyTopic'), '§4.7.3', '§3.3.2.1');
  }
  // Decoding with replacement would turn two different raw names into one: refuse instead.
  if (!isUtf8(topic)) return malformed(say('topicNotUtf8'), '§1.5.3', '§1.5.4');
  if (topic.includes(0)) return malformed(say('topicNul'), '§1.5.3', '§1.5.4');
  if (topic.includes(0x2b) || topic.includes(0x23)) {
    return protocolError(say('topicWildcard'), '§3.3.2.1', '§3.3.2.1');
  }
  return null;
}

function pastTheEnd(): WireViolation {
  return malformed(say('topicPastEnd'), '§3.3.2', '§3.3.2');
}

function notMqtt(preview: Uint8Array): WireViolation {
  const text = Buffer.from(preview.buffer, preview.byteOffset, preview.byteLength).toString('latin1');
  const printable = /^[\x20-\x7e\r\n\t]+$/.test(text);
  const shown = printable
    ? `"${text.replace(/\s+/g, ' ').trim()}…"`
    : Buffer.from(preview.buffer, preview.byteOffset, Math.min(8, preview.byteLength)).toString('hex');
  return {
    kind: 'not-mqtt',
    what: say('notMqttBytes', { shown }),
    v3: '§3.2',
    v5: '§3.2',
  };
}
