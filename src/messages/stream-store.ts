import type { MessageSummary, StreamPollResult, StreamStats, TopicPredicate } from '../../electron/contract';
import type { ReadableStore } from '../api/store';

/** Rows kept in the renderer: those on screen and around them, never the whole log. */
const ROW_CACHE_LIMIT = 20_000;

export interface StreamSnapshot {
  /** Changes on every applied poll or fetched page: one render per change. */
  version: number;
  connectionId: string | null;
  stats: StreamStats | null;
  /** The seq range the list shows: frozen while paused, the log's range otherwise. */
  viewFirst: number;
  viewLast: number;
  /** Messages received since pausing (the counts keep running while the view stands still). */
  receivedWhilePaused: number;
  /** With a topic filter: the matching seqs, ascending; null shows every row. */
  filtered: readonly number[] | null;
}

const empty: StreamSnapshot = {
  version: 0,
  connectionId: null,
  stats: null,
  viewFirst: 1,
  viewLast: 0,
  receivedWhilePaused: 0,
  filtered: null,
};

/**
 * The renderer's side of one connection's message stream, outside React: polls land
 * here, views read snapshots with useSyncExternalStore. Holds only a bounded cache of
 * row summaries; rows scrolled back to are fetched from the engine's log by seq.
 */
export class StreamStore implements ReadableStore<StreamSnapshot> {
  private snapshot: StreamSnapshot = empty;
  private readonly listeners = new Set<() => void>();
  private readonly rows = new Map<number, MessageSummary>();
  private pausedAtReceived = 0;
  private filter: TopicPredicate | null = null;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): StreamSnapshot => this.snapshot;

  row(seq: number): MessageSummary | undefined {
    return this.rows.get(seq);
  }

  reset(connectionId: string | null): void {
    this.rows.clear();
    this.filter = null;
    this.publish({ ...empty, version: this.snapshot.version + 1, connectionId });
  }

  /** Applies one poll answer. Returns true when the answer started a new epoch (a clear). */
  apply(result: StreamPollResult): boolean {
    const previous = this.snapshot.stats;
    const newEpoch = previous !== null && previous.epoch !== result.stats.epoch;
    if (newEpoch) this.rows.clear();
    const stats = result.stats;
    const wasPaused = previous?.paused ?? false;
    if (stats.paused && !wasPaused) this.pausedAtReceived = stats.received;
    let { viewFirst, viewLast, filtered } = this.snapshot;
    if (newEpoch) filtered = this.filter ? [] : null;
    if (!stats.paused || newEpoch || previous === null) {
      for (const row of result.tail) this.rows.set(row.seq, row);
      viewFirst = stats.firstSeq;
      viewLast = stats.lastSeq;
      if (filtered !== null && this.filter) filtered = this.extendFiltered(filtered, result.tail);
    }
    if (filtered !== null && filtered.length > 0 && (filtered[0] ?? 0) < stats.firstSeq) {
      filtered = filtered.slice(lowerBound(filtered, stats.firstSeq));
    }
    this.trimCache(stats.firstSeq);
    this.publish({
      version: this.snapshot.version + 1,
      connectionId: stats.connectionId,
      stats,
      viewFirst,
      viewLast,
      receivedWhilePaused: stats.paused ? stats.received - this.pausedAtReceived : 0,
      filtered,
    });
    return newEpoch;
  }

  addRows(rows: readonly MessageSummary[]): void {
    if (rows.length === 0) return;
    for (const row of rows) this.rows.set(row.seq, row);
    this.publish({ ...this.snapshot, version: this.snapshot.version + 1 });
  }

  /** Shows only the given seqs (a filter's matches), and keeps adding live rows that pass `test`. */
  setFilter(test: TopicPredicate | null, seqs: readonly number[] = [], upToSeq = 0): void {
    this.filter = test;
    let filtered: readonly number[] | null = null;
    if (test) {
      // Rows that polls brought after the engine answered the match are tested here.
      const later = [...this.rows.values()]
        .filter((row) => row.seq > upToSeq && row.seq <= this.snapshot.viewLast && test(row.topic))
        .map((row) => row.seq)
        .sort((a, b) => a - b);
      filtered = later.length > 0 ? seqs.concat(later) : seqs;
    }
    this.publish({ ...this.snapshot, version: this.snapshot.version + 1, filtered });
  }

  /** Adds matches the engine found among rows that arrived after its last answer. */
  appendMatches(seqs: readonly number[]): void {
    const filtered = this.snapshot.filtered;
    if (filtered === null || seqs.length === 0) return;
    const last = filtered[filtered.length - 1] ?? 0;
    const added = seqs.filter((seq) => seq > last);
    if (added.length === 0) return;
    this.publish({ ...this.snapshot, version: this.snapshot.version + 1, filtered: filtered.concat(added) });
  }

  private extendFiltered(filtered: readonly number[], tail: readonly MessageSummary[]): readonly number[] {
    const test = this.filter;
    if (!test) return filtered;
    const last = filtered[filtered.length - 1] ?? 0;
    const added = tail.filter((row) => row.seq > last && test(row.topic)).map((row) => row.seq);
    return added.length > 0 ? filtered.concat(added) : filtered;
  }

  private trimCache(firstSeq: number): void {
    if (this.rows.size <= ROW_CACHE_LIMIT) return;
    for (const seq of this.rows.keys()) {
      if (this.rows.size <= ROW_CACHE_LIMIT) break;
      // Map order is insertion order: the oldest fetched go first, evicted ones always.
      if (seq < firstSeq || this.rows.size > ROW_CACHE_LIMIT) this.rows.delete(seq);
    }
  }

  private publish(next: StreamSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

/** First index whose value is >= target, in an ascending array. */
export function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The page's one stream store (the UI shows one connection at a time). */
export const streamStore = new StreamStore();
