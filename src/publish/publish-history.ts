import { HISTORY_LIMIT_DEFAULT, type HistoryEntry as StoredEntry } from '../../electron/contract';
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

/** The same bound the host keeps per profile. */
export const HISTORY_LIMIT = HISTORY_LIMIT_DEFAULT;

export interface HistoryStore extends ReadableStore<readonly HistoryEntry[]> {
  add(entry: Omit<HistoryEntry, 'id'>): void;
  clear(): void;
}

/** As the host keeps it: the picked file's bytes are the payload's, so only its name is kept. */
export function toStoredEntry({ id: _id, draft, ...rest }: HistoryEntry): StoredEntry {
  const { file, ...form } = draft;
  return { ...rest, draft: { ...form, ...(file ? { fileName: file.name } : {}) } };
}

export function fromStoredEntry(stored: StoredEntry, id: number): HistoryEntry {
  const { fileName, ...form } = stored.draft;
  const payload = stored.message.payload;
  const file =
    form.format === 'file' && typeof payload === 'object' && payload.format === 'bytes'
      ? { name: fileName ?? 'file', bytes: new Uint8Array(payload.bytes) }
      : null;
  return { ...stored, id, draft: { ...form, file } };
}

/** Published messages of connections without a profile, newest first, bounded (this page only). */
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
