import type { MessageProperties, Qos, ReceivedMessage, StreamLimits } from '../../contract';
import { MemoryBudget, type BudgetedLog } from './memory-budget';
import { PayloadStore } from './payload-store';

/**
 * What an evicted message keeps when its topic's index still shows it as the last one: the
 * payload would otherwise live on outside every bound (a 16 MB payload per topic).
 */
export const DETACHED_MAX_BYTES = 64 * 1024;

/** One kept message. Its payload bytes sit in a shared chunk (see PayloadStore). */
export class LogEntry {
  /** The topic index holds this as its topic's last message (it may outlive eviction). */
  isLast = false;

  constructor(
    readonly seq: number,
    /** Interned: the topic index's own string for this topic, not one string per message. */
    readonly topic: string,
    readonly qos: Qos,
    readonly retain: boolean,
    /** Size as received; the kept payload is shorter when truncated. */
    readonly size: number,
    /** Set when only a prefix is kept (the payload limit, or eviction of a topic's last message). */
    public truncatedAt: number | undefined,
    private chunk: Uint8Array,
    private offset: number,
    /** Bytes kept. */
    public length: number,
    readonly properties: MessageProperties | undefined,
    readonly receivedAt: number,
    /** Seq of the previous message on the same topic (0: none), for diffs. */
    readonly previousSeq: number,
    /** What this entry counts against the byte limit. */
    readonly cost: number,
  ) {}

  /** The kept bytes (a view: copy before keeping or sending them). */
  get payload(): Uint8Array {
    return this.chunk.subarray(this.offset, this.offset + this.length);
  }

  /**
   * Moves the bytes into a buffer of their own, so the shared chunk can be freed, keeping
   * at most DETACHED_MAX_BYTES (marked truncated) so the evicted payload can be collected.
   */
  detach(): void {
    if (this.length > DETACHED_MAX_BYTES) {
      this.chunk = this.payload.slice(0, DETACHED_MAX_BYTES);
      this.length = DETACHED_MAX_BYTES;
      this.truncatedAt = DETACHED_MAX_BYTES;
    } else if (this.chunk.byteLength !== this.length) {
      this.chunk = this.payload.slice();
    }
    this.offset = 0;
  }
}

/** Rough per-entry bookkeeping beyond the payload bytes (the entry object and its slot). */
const ENTRY_OVERHEAD_BYTES = 120;
/** Compact the backing array once this many evicted slots lead it. */
const COMPACT_AFTER = 4096;

/**
 * The newest messages of one connection, bounded by count and by bytes. Evicting the
 * oldest is counted (`evicted`), and an oversize payload is kept truncated and marked, so
 * nothing is ever dropped without the UI being able to say so. Seqs have no gaps, so a
 * seq finds its entry by arithmetic.
 */
export class MessageLog implements BudgetedLog {
  private entries: (LogEntry | undefined)[] = [];
  /** Index of the oldest live entry in `entries`; the slots before it are evicted. */
  private head = 0;
  private nextSeq = 1;
  private keptBytes = 0;
  evicted = 0;
  truncated = 0;
  private readonly store = new PayloadStore();

  constructor(
    private limits: StreamLimits,
    /** Shared with the other connections' logs; a log of its own when left out. */
    private readonly budget = new MemoryBudget(limits.maxTotalBytes),
  ) {
    budget.join(this);
  }

  /** Bytes this log keeps (payloads plus bookkeeping), also charged to the budget. */
  get bytes(): number {
    return this.keptBytes;
  }

  get oldestAt(): number | undefined {
    return this.entries[this.head]?.receivedAt;
  }

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

  /** Keeps a message; `topic` is the caller's interned copy of message.topic. */
  append(message: ReceivedMessage, topic: string, previousSeq: number): LogEntry {
    const max = this.limits.maxPayloadBytes;
    // The connection may have cut a large payload already (message.size says by how much).
    const size = Math.max(message.size ?? 0, message.payload.byteLength);
    const cutHere = message.payload.byteLength > max;
    // slice() copies just the kept part, so the oversize original can be collected.
    const kept = cutHere ? message.payload.slice(0, max) : message.payload;
    const oversize = size > kept.byteLength;
    if (oversize) this.truncated++;
    const { chunk, offset } = this.store.put(kept);
    const entry = new LogEntry(
      this.nextSeq++,
      topic,
      message.qos,
      message.retain,
      size,
      oversize ? kept.byteLength : undefined,
      chunk,
      offset,
      kept.byteLength,
      message.properties,
      message.receivedAt,
      previousSeq,
      kept.byteLength + ENTRY_OVERHEAD_BYTES,
    );
    this.entries.push(entry);
    this.account(entry.cost);
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
    this.account(-this.keptBytes);
    this.evicted = 0;
    this.truncated = 0;
  }

  /** The connection is removed: free everything and stop counting against the budget. */
  release(): number {
    const freed = this.keptBytes;
    this.clear();
    this.budget.leave(this);
    return freed;
  }

  evictOldest(): void {
    const oldest = this.entries[this.head];
    if (!oldest) return;
    // Drop the reference at once: the payload must not outlive its eviction.
    this.entries[this.head] = undefined;
    this.head++;
    this.account(-oldest.cost);
    this.evicted++;
    // The topic index keeps its topic's last message: it must not pin a whole chunk.
    if (oldest.isLast) oldest.detach();
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  private account(deltaBytes: number): void {
    this.keptBytes += deltaBytes;
    this.budget.charge(deltaBytes);
  }

  private enforce(): void {
    const { maxMessages, maxBytes } = this.limits;
    while (this.count > maxMessages || (this.keptBytes > maxBytes && this.count > 0)) this.evictOldest();
    this.budget.enforce();
  }
}
