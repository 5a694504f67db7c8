import type { QueryClient } from '@tanstack/react-query';
import type { ConnectionStatus } from '../../electron/contract';

export const connectionKeys = {
  list: ['connection.list'] as const,
  /** The message memory budget and each connection's share (stream.memory). */
  memory: ['stream.memory'] as const,
};

/**
 * Puts one status into the cached list. Pushes and request results can arrive in either
 * order, so an older status never overwrites a newer one.
 */
export function upsertStatus(queryClient: QueryClient, status: ConnectionStatus): void {
  queryClient.setQueryData<ConnectionStatus[]>(connectionKeys.list, (previous = []) => {
    const index = previous.findIndex((s) => s.connectionId === status.connectionId);
    if (index === -1) return [...previous, status];
    const known = previous[index];
    if (known && known.since > status.since) return previous;
    const next = previous.slice();
    next[index] = status;
    return next;
  });
}

/** A connection that will not change again by itself. */
export function isOver(status: ConnectionStatus | undefined): boolean {
  return status?.state === 'disconnected' || status?.state === 'failed';
}

/** Drops a removed connection's status: the engine no longer holds it. */
export function removeStatus(queryClient: QueryClient, connectionId: string): void {
  queryClient.setQueryData<ConnectionStatus[]>(connectionKeys.list, (previous = []) =>
    previous.filter((s) => s.connectionId !== connectionId),
  );
}
