import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type { ConnectOptions, ConnectionStatus } from '../../electron/contract';
import { call } from '../api/client';
import { connectionKeys, isOver, removeStatus, upsertStatus } from './connection-cache';
import { useConnectionsOfThisPage } from './current-connection';
import { preferredConnection } from './preferred-connection';

/** Shared by every way of opening a connection (the form, a profile): `opening` follows them all. */
export const openConnectionKey = ['connection.open'] as const;

export function useConnections(enabled: boolean) {
  return useQuery({ queryKey: connectionKeys.list, queryFn: () => call('connection.list', {}), enabled });
}

/** Every cached status (pushes keep it fresh); read-only, never fetches by itself. */
function useStatusList(): ConnectionStatus[] | undefined {
  return useQuery({
    queryKey: connectionKeys.list,
    queryFn: () => call('connection.list', {}),
    enabled: false,
  }).data;
}

export interface CurrentConnection {
  connectionId: string | null;
  status: ConnectionStatus | undefined;
  /** True while connection.open is in flight: its id is not known until it answers. */
  opening: boolean;
}

/** The connection the main area shows. */
export function useCurrentConnection(): CurrentConnection {
  const { selectedId: connectionId } = useConnectionsOfThisPage();
  const data = useStatusList();
  const opening = useIsMutating({ mutationKey: openConnectionKey }) > 0;
  // Only connections this page opened: adopting whatever else the host holds (another tab's,
  // a previous test's) would show someone else's session.
  const status = connectionId ? data?.find((s) => s.connectionId === connectionId) : undefined;
  return { connectionId, status, opening };
}

/**
 * Trust #16: a page that loads (a new tab, a reload, Electron's window reloading) takes over
 * the connections the engine already holds, running or closed, and shows the newest running
 * one. Without this they would go on ingesting where no page can see or close them. Once
 * per page: connections another open tab makes later stay that tab's.
 */
export function useAdoptHostConnections(open: boolean): void {
  const queryClient = useQueryClient();
  const { adopt, select } = useConnectionsOfThisPage();
  const done = useRef(false);
  useEffect(() => {
    if (!open || done.current) return;
    let cancelled = false;
    void call('connection.list', {})
      .then((statuses) => {
        if (cancelled || done.current) return;
        done.current = true;
        for (const status of statuses) {
          upsertStatus(queryClient, status);
          adopt(status.connectionId);
        }
        const preferred = preferredConnection(statuses);
        // A connection this page opened meanwhile stays shown.
        if (preferred) select((current) => current ?? preferred);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [open, queryClient, adopt, select]);
}

/** The statuses of the connections this page opened, oldest first. */
export function useOwnConnections(): ConnectionStatus[] {
  const { ownIds } = useConnectionsOfThisPage();
  const data = useStatusList();
  return ownIds.flatMap((id) => data?.find((s) => s.connectionId === id) ?? []);
}

/**
 * Makes a just-opened connection this page's shown one. Connections that are over (failed,
 * disconnected) make room for it; the engine keeps a failed one until it is closed, so
 * close it there too.
 */
export function useAdoptOpenedConnection(): (status: ConnectionStatus) => void {
  const queryClient = useQueryClient();
  const { ownIds, adopt, forget, select } = useConnectionsOfThisPage();
  return (status) => {
    upsertStatus(queryClient, status);
    const statuses = queryClient.getQueryData<ConnectionStatus[]>(connectionKeys.list) ?? [];
    const over = ownIds.filter(
      (id) => id !== status.connectionId && isOver(statuses.find((s) => s.connectionId === id)),
    );
    // Removed, not only closed: that also frees their message logs (Trust #17).
    for (const id of over) {
      removeStatus(queryClient, id);
      void call('connection.remove', { connectionId: id }).catch(() => undefined);
    }
    forget(over);
    adopt(status.connectionId);
    select(status.connectionId);
  };
}

export function useOpenConnection() {
  const adoptOpened = useAdoptOpenedConnection();
  return useMutation({
    mutationKey: openConnectionKey,
    mutationFn: (options: ConnectOptions) => call('connection.open', options),
    onSuccess: adoptOpened,
  });
}

export function useCloseConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (connectionId: string) => call('connection.close', { connectionId }),
    onSuccess: (status) => upsertStatus(queryClient, status),
  });
}

/**
 * Drops a removed connection from this page: the cached status, the page's own list, and
 * the selection (the next one to show is picked as on load). For removals by this page and
 * by any other (the `connection.removed` push).
 */
export function useDropConnection(): (connectionId: string) => void {
  const queryClient = useQueryClient();
  const { ownIds, forget, select } = useConnectionsOfThisPage();
  return useCallback(
    (connectionId: string) => {
      removeStatus(queryClient, connectionId);
      forget([connectionId]);
      const statuses = queryClient.getQueryData<ConnectionStatus[]>(connectionKeys.list) ?? [];
      const remaining = statuses.filter((s) => ownIds.includes(s.connectionId));
      select((current) => (current === connectionId ? preferredConnection(remaining) : current));
      void queryClient.invalidateQueries({ queryKey: connectionKeys.memory });
    },
    [queryClient, ownIds, forget, select],
  );
}

/** Forgets a connection in the engine (closing it if needed) and frees its message log. */
export function useRemoveConnection() {
  const drop = useDropConnection();
  return useMutation({
    mutationFn: (connectionId: string) => call('connection.remove', { connectionId }),
    onSuccess: ({ connectionId }) => drop(connectionId),
  });
}

/** The memory budget of all message logs and each connection's share, kept fresh while shown. */
export function useStreamMemory(enabled = true) {
  return useQuery({
    queryKey: connectionKeys.memory,
    queryFn: () => call('stream.memory', {}),
    enabled,
    refetchInterval: 2000,
  });
}
