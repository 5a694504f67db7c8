import type { EngineText, HistoryEntry } from '../../contract';
import { EngineError } from '../errors';
import {
  PUBLISH_HISTORY,
  loadHistory,
  saveHistory,
  type HistoryByKey,
  type HistoryKind,
} from './history-file';
import { text } from '../text/keys';

export interface HistoryStoreOptions<T> {
  dataDir: string;
  /** Which file and entries; publish history when left out. */
  kind?: HistoryKind<T>;
  /** Entries kept per key (newest first); the kind's limit when left out. */
  limit?: number;
  now?: () => Date;
}

/**
 * A history per key (a profile, a broker URL), persisted in the data folder. Changes run
 * one after another (read, change, write), so two appends never lose each other.
 */
export class HistoryStore<T = HistoryEntry> {
  private history: HistoryByKey<T> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly limit: number;
  private readonly kind: HistoryKind<T>;
  /** Set when the file on disk could not be read and was moved aside: said once, to the next reader. */
  private setAsidePath: string | null = null;
  /** The same path, kept for as long as the engine runs (for a state a page shows). */
  private setAsideThisRun: string | null = null;

  constructor(private readonly options: HistoryStoreOptions<T>) {
    this.kind = options.kind ?? (PUBLISH_HISTORY as unknown as HistoryKind<T>);
    this.limit = options.limit ?? this.kind.limit;
  }

  async list(key: string): Promise<T[]> {
    return [...((await this.loaded()).get(key) ?? [])];
  }

  /** Every key's entries, for "all brokers". */
  async entries(): Promise<[string, T[]][]> {
    return [...(await this.loaded())].map(([key, list]) => [key, [...list]]);
  }

  /** Where the file went when it could not be read at load (this run), or null. */
  async setAsideFile(): Promise<string | null> {
    await this.loaded();
    return this.setAsideThisRun;
  }

  /** The sentence about a file that was set aside, once; null when there is none. */
  takeNotice(): EngineText | null {
    const path = this.setAsidePath;
    this.setAsidePath = null;
    return path ? text('history.setAside', { kindKey: this.kind.label, path }) : null;
  }

  append(key: string, entry: T): Promise<{ count: number }> {
    return this.change((history) => {
      const next = [entry, ...(history.get(key) ?? [])].slice(0, this.limit);
      history.set(key, next);
      return { count: next.length };
    });
  }

  /** Replaces a key's whole list (a store of named things, such as scripts, not a log). */
  replace(key: string, entries: T[]): Promise<T[]> {
    return this.change((history) => {
      if (entries.length > 0) history.set(key, entries);
      else history.delete(key);
      return [...entries];
    });
  }

  clear(key: string): Promise<{ removed: number }> {
    return this.change((history) => {
      const removed = history.get(key)?.length ?? 0;
      history.delete(key);
      return { removed };
    });
  }

  private async loaded(): Promise<HistoryByKey<T>> {
    if (!this.history) {
      const loaded = await loadHistory(this.kind, this.options.dataDir, this.now());
      this.history ??= loaded.history;
      this.setAsidePath = loaded.setAsidePath;
      this.setAsideThisRun = loaded.setAsidePath;
    }
    return this.history;
  }

  private change<R>(apply: (history: HistoryByKey<T>) => R): Promise<R> {
    const run = async (): Promise<R> => {
      const current = await this.loaded();
      const next = new Map(current);
      const result = apply(next);
      try {
        await saveHistory(this.kind, this.options.dataDir, next);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new EngineError('internal', text('history.saveFailed', { whatKey: this.kind.label, code }));
      }
      this.history = next;
      return result;
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
