import type { ReceivedMessage } from '../../electron/contract';
import type { ReadableStore } from '../api/store';

export interface StoredMessage extends ReceivedMessage {
  /** Increasing across the page's life: a stable React key and a row number. */
  seq: number;
  connectionId: string;
}

export interface MessageSnapshot {
  /** Changes once per batch, so a whole batch costs one render. */
  version: number;
  messages: readonly StoredMessage[];
  /** How many older messages were let go to stay within the limit; the UI says so. */
  dropped: number;
  limit: number;
}

export const MESSAGE_LIMIT = 5000;

export interface MessageStore extends ReadableStore<MessageSnapshot> {
  append(connectionId: string, batch: readonly ReceivedMessage[]): void;
  clear(): void;
}

/**
 * The message firehose lives outside React: batches land here and views read a snapshot
 * with useSyncExternalStore. Bounded to the newest `limit` messages, counting the rest.
 */
export function createMessageStore(limit = MESSAGE_LIMIT): MessageStore {
  let snapshot: MessageSnapshot = { version: 0, messages: [], dropped: 0, limit };
  let nextSeq = 1;
  const listeners = new Set<() => void>();

  const publish = (next: MessageSnapshot) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    append(connectionId, batch) {
      if (batch.length === 0) return;
      const incoming = batch.map((message) => ({ ...message, seq: nextSeq++, connectionId }));
      // A new array each time: rows and snapshots stay immutable for React.
      const all = snapshot.messages.concat(incoming);
      const excess = Math.max(0, all.length - limit);
      publish({
        version: snapshot.version + 1,
        messages: excess > 0 ? all.slice(excess) : all,
        dropped: snapshot.dropped + excess,
        limit,
      });
    },
    clear() {
      publish({ version: snapshot.version + 1, messages: [], dropped: 0, limit });
    },
  };
}

/** The page's one message store. */
export const messageStore = createMessageStore();
