import type { MessageProperties, Qos, ReceivedMessage, StreamLimits } from '../../contract';

/** One kept message. The payload is our own copy (never a view of a socket chunk). */
export interface LogEntry {
  seq: number;
  topic: string;
  qos: Qos;
  retain: boolean;
  /** Size as received; payload.byteLength is smaller when truncated. */
  size: number;
  truncatedAt: number | undefined;
  payload: Uint8Array;
  properties: MessageProperties | undefined;
  receivedAt: number;
  /** Seq of the previous message on the same topic (0: none), for diffs. */
  previousSeq: number;
  /** What this entry counts against the byte limit. */
  cost: number;
}

/** Rough per-entry bookkeeping beyond the payload (object, fields, topic string header). */
const ENTRY_OVERHEAD_BYTES = 120;
/** Compact the backing array once this many evicted slots lead it. */
const COMPACT_AFTER = 4096;

/**
 * The newest messages of one connection, bounded by count and by bytes. Evicting the
 * oldest is counted (`evicted`), and an oversize payload is kept truncated and marked, so
 * nothing is ever dropped without the UI being able to say so. Seqs have no gaps, so a
 * seq finds its entry by arithmetic.
 */
export class MessageLog {
  private entries: (LogEntry | undefined)[] = [];
  /** Index of the oldest live entry in `entries`; the slots before it are evicted. */
  private head = 0;
  private nextSeq = 1;
  bytes = 0;
  evicted = 0;
  truncated = 0;

  constructor(private limits: StreamLimits) {}

  get count(): number {
    return this.entries.length - this.head;
  }

  /** Seq of the oldest kept message (lastSeq + 1 when empty). */
  get firstSeq(): number {
    return this.entries[this.head]?.seq ?? this.nextSeq;
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  append(message: ReceivedMessage, previousSeq: number): LogEntry {
    const max = this.limits.maxPayloadBytes;
    const oversize = message.payload.byteLength > max;
    // slice() copies just the kept part, so the oversize original can be collected.
    const payload = oversize ? message.payload.slice(0, max) : message.payload;
    if (oversize) this.truncated++;
    const entry: LogEntry = {
      seq: this.nextSeq++,
      topic: message.topic,
      qos: message.qos,
      retain: message.retain,
      size: message.payload.byteLength,
      truncatedAt: oversize ? max : undefined,
      payload,
      properties: message.properties,
      receivedAt: message.receivedAt,
      previousSeq,
      cost: payload.byteLength + message.topic.length * 2 + ENTRY_OVERHEAD_BYTES,
    };
    this.entries.push(entry);
    this.bytes += entry.cost;
    this.enforce();
    return entry;
  }

  get(seq: number): LogEntry | undefined {
    const first = this.firstSeq;
    if (seq < first || seq > this.lastSeq) return undefined;
    return this.entries[this.head + (seq - first)];
  }

  /** The newest `max` entries with seq > afterSeq, ascending. */
  tailAfter(afterSeq: number, max: number): LogEntry[] {
    const from = Math.max(afterSeq + 1, this.firstSeq, this.lastSeq - max + 1);
    const out: LogEntry[] = [];
    for (let seq = from; seq <= this.lastSeq; seq++) {
      const entry = this.get(seq);
      if (entry) out.push(entry);
    }
    return out;
  }

  *entriesFrom(seq: number): IterableIterator<LogEntry> {
    const start = this.head + Math.max(0, seq - this.firstSeq);
    for (let i = start; i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (entry) yield entry;
    }
  }

  setLimits(limits: StreamLimits): void {
    this.limits = limits;
    this.enforce();
  }

  /** Forgets every message; seqs keep increasing so old references never alias new ones. */
  clear(): void {
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
    this.evicted = 0;
    this.truncated = 0;
  }

  private enforce(): void {
    const { maxMessages, maxBytes } = this.limits;
    while (this.count > maxMessages || (this.bytes > maxBytes && this.count > 0)) {
      const oldest = this.entries[this.head];
      if (!oldest) break;
      // Drop the reference at once: the payload must not outlive its eviction.
      this.entries[this.head] = undefined;
      this.head++;
      this.bytes -= oldest.cost;
      this.evicted++;
    }
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
