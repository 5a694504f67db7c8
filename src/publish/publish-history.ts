import type { ReadableStore } from '../api/store';
import type { OutgoingMessage } from './build-publish';
import type { EditorDraft } from './draft';

export interface HistoryEntry {
  id: number;
  /** Epoch milliseconds. */
  at: number;
  /** Exactly what went out (templates expanded): "Resend" sends it again as is. */
  message: OutgoingMessage;
  /** The form as it was: "Edit and resend" puts it back, templates and all. */
  draft: EditorDraft;
  size: number;
  outcome: string;
  ok: boolean;
}

export const HISTORY_LIMIT = 100;

export interface HistoryStore extends ReadableStore<readonly HistoryEntry[]> {
  add(entry: Omit<HistoryEntry, 'id'>): void;
  clear(): void;
}

/** Published messages of this page, newest first, bounded. */
export function createHistoryStore(limit = HISTORY_LIMIT): HistoryStore {
  let entries: readonly HistoryEntry[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const set = (next: readonly HistoryEntry[]) => {
    entries = next;
    for (const listener of listeners) listener();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => entries,
    add: (entry) => set([{ ...entry, id: nextId++ }, ...entries].slice(0, limit)),
    clear: () => set([]),
  };
}

export const historyStore = createHistoryStore();
