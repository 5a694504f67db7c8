import type { Envelope } from '../../electron/contract';

type Settle = (envelope: Envelope<unknown>) => void;

export interface PendingRequests {
  /** Registers a request; after close() it is answered at once with the close envelope. */
  add(id: number, settle: Settle): void;
  /** Answers the request with this id; false (and nothing happens) for an id not pending. */
  settle(id: number, envelope: Envelope<unknown>): boolean;
  /** Answers every pending request with `envelope`, each exactly once; later calls change nothing. */
  close(envelope: Envelope<never>): void;
  readonly size: number;
}

/**
 * The requests sent and not yet answered, by id. Each is settled exactly once: by its
 * response, or by the socket closing. A response for an id not in the table (answered
 * already, or never asked) is ignored, so a confused host cannot answer twice.
 */
export function createPendingRequests(): PendingRequests {
  const pending = new Map<number, Settle>();
  let closed: Envelope<never> | null = null;
  return {
    add(id, settle) {
      if (closed) settle(closed);
      else pending.set(id, settle);
    },
    settle(id, envelope) {
      const settle = pending.get(id);
      if (!settle) return false;
      pending.delete(id);
      settle(envelope);
      return true;
    },
    close(envelope) {
      if (closed) return;
      closed = envelope;
      // Copy first: a settle callback may start another request, which must not join this loop.
      const all = [...pending.values()];
      pending.clear();
      for (const settle of all) settle(envelope);
    },
    get size() {
      return pending.size;
    },
  };
}
