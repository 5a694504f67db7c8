import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectOptions, ConnectionStatus } from '../../electron/contract';
import { call } from '../api/client';
import { connectionKeys, isOver, upsertStatus } from './connection-cache';
import { useConnectionsOfThisPage } from './current-connection';

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
    for (const id of over) void call('connection.close', { connectionId: id }).catch(() => undefined);
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
