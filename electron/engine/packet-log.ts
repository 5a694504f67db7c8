import type { IPublishPacket, Packet } from 'mqtt';
import type { PacketRecord, PacketType } from '../contract';
import { PacketTypeSchema } from '../contract';
import { MessageBatcher } from './message-batcher';

type Json = PacketRecord['fields'][string];

/** Packets kept per connection; older ones are counted as dropped, never silently. */
export const PACKET_LOG_CAPACITY = 5000;
/** At most this many packets per live batch: the renderer gets a sample, the ring keeps the rest. */
const MAX_PACKETS_PER_BATCH = 500;
const MAX_BYTES_SHOWN = 64;

function hexPreview(bytes: Uint8Array): string {
  const shown = Buffer.from(bytes.subarray(0, MAX_BYTES_SHOWN)).toString('hex');
  return bytes.length > MAX_BYTES_SHOWN ? `${shown}… (${bytes.length} bytes)` : shown;
}

/** Any decoded packet field as JSON: buffers as hex, secrets masked, payloads as a size. */
function toJson(key: string, value: unknown): Json | undefined {
  if (value === undefined || typeof value === 'function') return undefined;
  if (key === 'password') return '••••••';
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Uint8Array) return hexPreview(value);
  if (Array.isArray(value)) return value.map((item) => toJson('', item) ?? null);
  if (typeof value === 'object') {
    // Keys can be the broker's (user property names): "__proto__" must stay a plain field.
    const out = Object.create(null) as Record<string, Json>;
    for (const [k, v] of Object.entries(value)) {
      if (k === 'payload') {
        out['payloadSize'] =
          v instanceof Uint8Array ? v.length : typeof v === 'string' ? Buffer.byteLength(v) : 0;
        continue;
      }
      const converted = k === 'userProperties' ? userPropertyPairs(v) : toJson(k, v);
      if (converted !== undefined) out[k] = converted;
    }
    return out;
  }
  return String(value);
}

/**
 * User properties as [name, value] pairs, in order, repeated names kept (MQTT 5 §3.3.2.3.7
 * allows them). Their names are the broker's: as object keys, "__proto__" would be lost here
 * and refused by the renderer's MessagePack decoder, losing the whole batch.
 */
function userPropertyPairs(value: unknown): Json | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const pairs: Json[] = [];
  for (const [name, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) ? v : [v]) pairs.push([name, String(item)]);
  }
  return pairs;
}

const PACKET_TYPES: ReadonlySet<string> = new Set(PacketTypeSchema.options);

/**
 * What the socket's path keeps of a packet: a shallow copy without the payload (its size
 * instead, under the key the record shows), so neither the payload nor the socket chunk it
 * may view stays alive in the ring. Turning it into JSON waits until someone reads it: at
 * full rate most packets leave the ring unread, and the renderer's batches carry a sample.
 */
interface CapturedPacket {
  seq: number;
  at: number;
  direction: 'in' | 'out';
  type: PacketType;
  messageId: number | undefined;
  rest: Record<string, unknown>;
  record: PacketRecord | null;
}

function capture(packet: Packet, direction: 'in' | 'out', seq: number, at: number): CapturedPacket | null {
  if (!PACKET_TYPES.has(packet.cmd)) return null;
  if (packet.cmd === 'publish') return capturePublish(packet, direction, seq, at);
  const source = packet as unknown as Record<string, unknown>;
  const rest: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (key === 'cmd' || key === 'length' || key === 'messageId') continue;
    const value = source[key];
    if (key === 'payload') {
      rest['payloadSize'] = payloadSize(value);
    } else {
      rest[key] = value;
    }
  }
  const messageId = source['messageId'];
  return {
    seq,
    at,
    direction,
    type: packet.cmd as PacketType,
    messageId: typeof messageId === 'number' ? messageId : undefined,
    rest,
    record: null,
  };
}

function payloadSize(payload: unknown): number {
  return payload instanceof Uint8Array
    ? payload.length
    : typeof payload === 'string'
      ? Buffer.byteLength(payload)
      : 0;
}

/**
 * The hot case (every message is one): a fixed shape instead of a copy key by key, its
 * fields in one order whichever side built the packet.
 */
function capturePublish(
  packet: IPublishPacket,
  direction: 'in' | 'out',
  seq: number,
  at: number,
): CapturedPacket {
  const rest: Record<string, unknown> = {
    topic: packet.topic,
    qos: packet.qos,
    retain: packet.retain,
    dup: packet.dup,
    payloadSize: payloadSize(packet.payload),
  };
  if (packet.properties !== undefined) rest['properties'] = packet.properties;
  return {
    seq,
    at,
    direction,
    type: 'publish',
    messageId: typeof packet.messageId === 'number' ? packet.messageId : undefined,
    rest,
    record: null,
  };
}

function materialize(captured: CapturedPacket): PacketRecord {
  if (captured.record) return captured.record;
  const fields = toJson('', captured.rest);
  const record: PacketRecord = {
    seq: captured.seq,
    at: captured.at,
    direction: captured.direction,
    type: captured.type,
    fields: typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? fields : {},
  };
  if (captured.messageId !== undefined) record.messageId = captured.messageId;
  captured.record = record;
  return record;
}

/** One packet as a log record. */
export function packetRecord(
  packet: Packet,
  direction: 'in' | 'out',
  seq: number,
  at: number,
): PacketRecord | null {
  const captured = capture(packet, direction, seq, at);
  return captured ? materialize(captured) : null;
}

/**
 * A bounded ring of one connection's packets, streamed onward in batches. When the ring is
 * full the oldest go, and `dropped` says how many: a packet log that forgets quietly lies.
 */
export class PacketLog {
  private readonly ring: CapturedPacket[] = [];
  private start = 0;
  private seq = 0;
  private droppedCount = 0;
  /** Epoch ms of the newest outgoing packet, or null before the first. */
  lastOutAt: number | null = null;
  private readonly batcher: MessageBatcher<CapturedPacket>;

  constructor(
    onBatch: (packets: PacketRecord[]) => void,
    readonly capacity = PACKET_LOG_CAPACITY,
  ) {
    this.batcher = new MessageBatcher((packets) =>
      onBatch(
        (packets.length > MAX_PACKETS_PER_BATCH ? packets.slice(-MAX_PACKETS_PER_BATCH) : packets).map(
          materialize,
        ),
      ),
    );
  }

  record(packet: Packet, direction: 'in' | 'out'): void {
    const record = capture(packet, direction, ++this.seq, performance.timeOrigin + performance.now());
    if (!record) return;
    if (direction === 'out') this.lastOutAt = record.at;
    if (this.ring.length < this.capacity) {
      this.ring.push(record);
    } else {
      this.ring[this.start] = record;
      this.start = (this.start + 1) % this.capacity;
      this.droppedCount++;
    }
    this.batcher.push(record);
  }

  /** Oldest first. */
  list(): { packets: PacketRecord[]; dropped: number } {
    return {
      packets: [...this.ring.slice(this.start), ...this.ring.slice(0, this.start)].map(materialize),
      dropped: this.droppedCount,
    };
  }

  flush(): void {
    this.batcher.flush();
  }
}
