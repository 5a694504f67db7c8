import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectOptions, ConnectionStatus } from '../../electron/contract';
import { call } from '../api/client';
import { connectionKeys, isOver, upsertStatus } from './connection-cache';
import { useConnectionsOfThisPage } from './current-connection';

const openKey = ['connection.open'] as const;

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
  const opening = useIsMutating({ mutationKey: openKey }) > 0;
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

export function useOpenConnection() {
  const queryClient = useQueryClient();
  const { ownIds, adopt, forget, select } = useConnectionsOfThisPage();
  return useMutation({
    mutationKey: openKey,
    mutationFn: (options: ConnectOptions) => call('connection.open', options),
    onSuccess: (status) => {
      upsertStatus(queryClient, status);
      // Connections that are over (failed, disconnected) make room for the new one; the
      // engine keeps a failed one until it is closed, so close it there too.
      const statuses = queryClient.getQueryData<ConnectionStatus[]>(connectionKeys.list) ?? [];
      const over = ownIds.filter(
        (id) => id !== status.connectionId && isOver(statuses.find((s) => s.connectionId === id)),
      );
      for (const id of over) void call('connection.close', { connectionId: id }).catch(() => undefined);
      forget(over);
      adopt(status.connectionId);
      select(status.connectionId);
    },
  });
}

export function useCloseConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (connectionId: string) => call('connection.close', { connectionId }),
    onSuccess: (status) => upsertStatus(queryClient, status),
  });
}
