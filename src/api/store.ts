/** The shape useSyncExternalStore reads: a snapshot plus change notifications. */
export interface ReadableStore<T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): T;
}

/**
 * A tiny observable value. Snapshots are replaced, never mutated, so React can compare
 * them by reference and skip renders when nothing changed.
 */
export function createValueStore<T>(initial: T): ReadableStore<T> & { set(next: T): void } {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of listeners) listener();
    },
  };
}
