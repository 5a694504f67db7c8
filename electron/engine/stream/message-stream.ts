import {
  compileTopicMatch,
  mqttFilterMatches,
  type MessageExportResult,
  type MessageSearchResult,
  numberFrom,
  parseJsonPath,
  type SeriesResult,
  type MessageDetail,
  type MessageSummary,
  type ParsedRequestInput,
  type ReceivedMessage,
  type StreamLimits,
  type StreamPollResult,
  type StreamStats,
  type TopicMatch,
  type TopicMatchInput,
} from '../../contract';
import { EngineError } from '../errors';
import { exportEntries } from './export';
import { MemoryBudget } from './memory-budget';
import { MessageLog, type LogEntry } from './message-log';
import { LogSearcher, type DecodedText, type SearchInput } from './search';
import { detail, summarize } from './summary';
import { TopicIndex } from './topic-index';
import { text } from '../text/keys';

const seriesDecoder = new TextDecoder('utf-8', { fatal: false });

type PollInput = Omit<ParsedRequestInput<'stream.poll'>, 'connectionId'>;

/**
 * Everything the engine keeps for one connection's messages: the bounded log and the
 * topic index, plus pause and clear. Ingest runs off the mqtt.js handler (the connection
 * hands over batches from a timer), and is O(topic depth) per message.
 */
export class MessageStream {
  private log: MessageLog;
  private index = new TopicIndex();
  private epoch = 1;
  private received = 0;
  private paused = false;
  private ended = false;

  get isEnded(): boolean {
    return this.ended;
  }
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly connectionId: string,
    private limits: StreamLimits,
    /** Shared by every connection's log (see MessageStreams). */
    private readonly budget = new MemoryBudget(limits.maxTotalBytes),
  ) {
    this.log = new MessageLog(limits, budget);
    this.searcher = new LogSearcher({
      epoch: () => this.epoch,
      firstSeq: () => this.log.firstSeq,
      lastSeq: () => this.log.lastSeq,
      get: (seq) => this.log.get(seq),
    });
  }

  private readonly searcher: LogSearcher;

  /** Topic, tree scope and payload search over the kept log, in slices (see LogSearcher). */
  search(input: SearchInput, decodedText?: DecodedText): Promise<MessageSearchResult> {
    return this.searcher.search(input, decodedText);
  }

  /** The kept entry with this seq (a view: read it, do not keep its payload). */
  entry(seq: number): LogEntry | undefined {
    return this.log.get(seq);
  }

  /** Kept entries after `seq`, ascending; the log's epoch says whether a clear came between. */
  *entriesAfter(seq: number): IterableIterator<LogEntry> {
    yield* this.log.entriesFrom(Math.max(seq + 1, this.log.firstSeq));
  }

  /** The last message on exactly this topic (a view), even when the log evicted it. */
  topicLast(topic: string): LogEntry | undefined {
    return this.index.find(topic)?.last ?? undefined;
  }

  get currentEpoch(): number {
    return this.epoch;
  }

  ingest(messages: readonly ReceivedMessage[]): void {
    for (const message of messages) {
      const node = this.index.nodeFor(message.topic);
      this.index.add(this.log.append(message, node.path, node.last?.seq ?? 0), node);
    }
    this.received += messages.length;
    this.wake();
  }

  stats(): StreamStats {
    return {
      connectionId: this.connectionId,
      epoch: this.epoch,
      firstSeq: this.log.firstSeq,
      lastSeq: this.log.lastSeq,
      count: this.log.count,
      bytes: this.log.bytes,
      totalBytes: this.budget.used,
      evicted: this.log.evicted,
      truncated: this.log.truncated,
      received: this.received,
      topics: this.index.topicCount,
      paused: this.paused,
      limits: this.limits,
    };
  }

  /**
   * What changed since the caller's cursors, coalesced and capped. With waitMs, waits for
   * news first (a long poll), so an idle connection costs one request per waitMs.
   */
  async poll(input: PollInput): Promise<StreamPollResult> {
    if (!this.hasNews(input) && input.waitMs > 0) await this.waitForNews(input.waitMs);
    // Decided after the wait: a clear while waiting starts a new epoch for this answer.
    const fresh = input.epoch !== this.epoch;
    const topicCursor = fresh ? 0 : input.topicCursor;
    const afterSeq = fresh ? 0 : input.afterSeq;
    if (this.paused && !fresh) {
      return { stats: this.stats(), topics: [], topicCursor, moreTopics: false, tail: [] };
    }
    const changes = this.index.changesSince(topicCursor, input.maxTopics);
    return {
      stats: this.stats(),
      topics: changes.nodes,
      topicCursor: changes.cursor,
      moreTopics: changes.more,
      tail: this.log.tailAfter(afterSeq, input.maxTail).map(summarize),
    };
  }

  private hasNews(input: PollInput): boolean {
    return (
      input.epoch !== this.epoch || this.index.cursor > input.topicCursor || this.log.lastSeq > input.afterSeq
    );
  }

  setPaused(paused: boolean): StreamStats {
    this.paused = paused;
    this.wake();
    return this.stats();
  }

  clear(): StreamStats {
    this.log.clear();
    this.index = new TopicIndex();
    this.received = 0;
    this.epoch++;
    this.wake();
    return this.stats();
  }

  setLimits(limits: StreamLimits): void {
    this.limits = limits;
    this.log.setLimits(limits);
    this.wake();
  }

  summaries(seqs: readonly number[]): MessageSummary[] {
    const sorted = [...seqs].sort((a, b) => a - b);
    const out: MessageSummary[] = [];
    for (const seq of sorted) {
      const entry = this.log.get(seq);
      if (entry) out.push(summarize(entry));
    }
    return out;
  }

  match(match: TopicMatch): { seqs: number[]; lastSeq: number; epoch: number } {
    const compiled = compileTopicMatch(match);
    if (!compiled.ok) throw new EngineError('invalid-input', compiled.error);
    const seqs: number[] = [];
    // One test per distinct topic, not per message: logs repeat topics a lot.
    const verdicts = new Map<string, boolean>();
    for (const entry of this.log.entriesFrom(this.log.firstSeq)) {
      let verdict = verdicts.get(entry.topic);
      if (verdict === undefined) {
        verdict = compiled.test(entry.topic);
        verdicts.set(entry.topic, verdict);
      }
      if (verdict) seqs.push(entry.seq);
    }
    return { seqs, lastSeq: this.log.lastSeq, epoch: this.epoch };
  }

  /** A topic's kept payloads as numbers (or one JSON field's), oldest first; gaps for the rest. */
  series(
    topic: string,
    path: string | undefined,
    afterSeq: number,
    /** Reads a decoded value instead of the payload text (see PayloadCodecs.series). */
    extract?: (entry: LogEntry, steps: (string | number)[] | null) => number | null,
  ): SeriesResult {
    const steps = path === undefined || path.trim() === '' ? null : parseJsonPath(path);
    if (steps === null && path !== undefined && path.trim() !== '') {
      throw new EngineError('invalid-input', text('stream.notJsonPath', { path }));
    }
    const t: number[] = [];
    const v: (number | null)[] = [];
    let skipped = 0;
    const { entries, lastSeq } = this.seriesEntries(topic, afterSeq);
    for (const entry of entries) {
      const value = extract ? extract(entry, steps) : numberFrom(seriesDecoder.decode(entry.payload), steps);
      if (value === null) skipped++;
      t.push(entry.receivedAt);
      v.push(value);
    }
    return { t, v, skipped, lastSeq };
  }

  /**
   * A topic's kept messages after `afterSeq`, oldest first, and the log's last seq then. A
   * filter (no topic name holds + or #) reads every topic it matches, as one line.
   */
  seriesEntries(topic: string, afterSeq: number): { entries: LogEntry[]; lastSeq: number } {
    const entries: LogEntry[] = [];
    if (topic.includes('+') || topic.includes('#')) {
      // One test per distinct topic, not per message.
      const verdicts = new Map<string, boolean>();
      for (const entry of this.log.entriesFrom(afterSeq + 1)) {
        let verdict = verdicts.get(entry.topic);
        if (verdict === undefined) {
          verdict = mqttFilterMatches(topic, entry.topic);
          verdicts.set(entry.topic, verdict);
        }
        if (verdict) entries.push(entry);
      }
      return { entries, lastSeq: this.log.lastSeq };
    }
    for (let at = this.index.find(topic)?.last; at && at.seq > afterSeq;) {
      if (this.log.get(at.seq) === at) entries.push(at);
      at = at.previousSeq > afterSeq ? this.log.get(at.previousSeq) : undefined;
    }
    return { entries: entries.reverse(), lastSeq: this.log.lastSeq };
  }

  /** The kept messages on `seq`'s topic, walked back from the topic's newest along previousSeq. */
  topicHistory(seq: number): { topic: string; seqs: number[] } {
    const entry = this.log.get(seq);
    if (!entry) throw new EngineError('not-found', text('stream.notKept', { seq }));
    const seqs: number[] = [];
    let at = this.index.find(entry.topic)?.last ?? entry;
    while (true) {
      if (this.log.get(at.seq) === at) seqs.push(at.seq);
      const previous = at.previousSeq > 0 ? this.log.get(at.previousSeq) : undefined;
      if (!previous) break;
      at = previous;
    }
    return { topic: entry.topic, seqs: seqs.reverse() };
  }

  export(format: 'jsonl' | 'csv', match: TopicMatchInput | undefined): MessageExportResult {
    return exportEntries(this.log.entriesFrom(this.log.firstSeq), format, match);
  }

  messageDetail(seq: number, maxBytes: number): MessageDetail {
    const entry = this.log.get(seq);
    if (!entry) {
      throw new EngineError(
        'not-found',
        seq < this.log.firstSeq ? text('stream.dropped', { seq }) : text('stream.noMessage', { seq }),
      );
    }
    return detail(entry, this.log.get(entry.previousSeq), maxBytes);
  }

  topicDetail(topic: string, maxBytes: number): MessageDetail {
    const last = this.index.find(topic)?.last;
    if (!last) throw new EngineError('not-found', text('stream.nothingOn', { topic }));
    return detail(last, this.log.get(last.previousSeq), maxBytes);
  }

  retainedTopics(topic: string, subtree: boolean): string[] {
    if (subtree) return this.index.retainedAtOrBelow(topic);
    return this.index.find(topic)?.retained ? [topic] : [];
  }

  forgetRetained(topics: readonly string[]): void {
    for (const topic of topics) this.index.forgetRetained(topic);
    this.wake();
  }

  /** The connection is gone: answer waiting polls now, keep the data for inspection. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  /** The connection is removed: frees the log and the index; answers with the bytes freed. */
  release(): number {
    const freed = this.log.release();
    this.index = new TopicIndex();
    this.end();
    return freed;
  }

  get count(): number {
    return this.log.count;
  }

  get bytes(): number {
    return this.log.bytes;
  }

  private waitForNews(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
