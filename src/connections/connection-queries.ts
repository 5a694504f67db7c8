import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectOptions, ConnectionStatus } from '../../electron/contract';
import { call } from '../api/client';
import { connectionKeys, isOver, upsertStatus } from './connection-cache';
import { useCurrentConnectionId } from './current-connection';

const openKey = ['connection.open'] as const;

export function useConnections(enabled: boolean) {
  return useQuery({ queryKey: connectionKeys.list, queryFn: () => call('connection.list', {}), enabled });
}

export interface CurrentConnection {
  connectionId: string | null;
  status: ConnectionStatus | undefined;
  /** True while connection.open is in flight: its id is not known until it answers. */
  opening: boolean;
}

/** The connection the UI works with (one for now; the cache already holds many). */
export function useCurrentConnection(): CurrentConnection {
  const [connectionId] = useCurrentConnectionId();
  const { data } = useQuery({
    queryKey: connectionKeys.list,
    queryFn: () => call('connection.list', {}),
    enabled: false,
  });
  const opening = useIsMutating({ mutationKey: openKey }) > 0;
  // Only connections this page opened: adopting whatever else the host holds (another tab's,
  // a previous test's) would show someone else's session and lock the Connect button.
  const status = connectionId ? data?.find((s) => s.connectionId === connectionId) : undefined;
  return { connectionId, status, opening };
}

export function useOpenConnection() {
  const queryClient = useQueryClient();
  const { connectionId: previousId } = useCurrentConnection();
  const [, setCurrentId] = useCurrentConnectionId();
  return useMutation({
    mutationKey: openKey,
    mutationFn: (options: ConnectOptions) => call('connection.open', options),
    onSuccess: (status) => {
      upsertStatus(queryClient, status);
      setCurrentId(status.connectionId);
      // The engine keeps a failed or closed connection until it is closed: let it go.
      const previous = queryClient
        .getQueryData<ConnectionStatus[]>(connectionKeys.list)
        ?.find((s) => s.connectionId === previousId);
      if (previousId && previousId !== status.connectionId && isOver(previous)) {
        void call('connection.close', { connectionId: previousId }).catch(() => undefined);
      }
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
