import { HISTORY_LIMIT_DEFAULT, type HistoryEntry } from '../../contract';
import { EngineError } from '../errors';
import { loadHistory, saveHistory, type HistoryByProfile } from './history-file';

export interface HistoryStoreOptions {
  dataDir: string;
  /** Entries kept per profile (newest first). */
  limit?: number;
  now?: () => Date;
}

/**
 * Publish history per profile, persisted in the data folder. Changes run one after
 * another (read, change, write), so two appends never lose each other.
 */
export class HistoryStore {
  private history: HistoryByProfile | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly limit: number;

  constructor(private readonly options: HistoryStoreOptions) {
    this.limit = options.limit ?? HISTORY_LIMIT_DEFAULT;
  }

  async list(profileId: string): Promise<HistoryEntry[]> {
    return [...((await this.loaded()).get(profileId) ?? [])];
  }

  append(profileId: string, entry: HistoryEntry): Promise<{ count: number }> {
    return this.change((history) => {
      const next = [entry, ...(history.get(profileId) ?? [])].slice(0, this.limit);
      history.set(profileId, next);
      return { count: next.length };
    });
  }

  clear(profileId: string): Promise<{ removed: number }> {
    return this.change((history) => {
      const removed = history.get(profileId)?.length ?? 0;
      history.delete(profileId);
      return { removed };
    });
  }

  private async loaded(): Promise<HistoryByProfile> {
    this.history ??= (await loadHistory(this.options.dataDir, this.now())).history;
    return this.history;
  }

  private change<T>(apply: (history: HistoryByProfile) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const current = await this.loaded();
      const next = new Map(current);
      const result = apply(next);
      try {
        await saveHistory(this.options.dataDir, next);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new EngineError(
          'internal',
          `The publish history could not be saved (${code}): nothing was changed.`,
        );
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
