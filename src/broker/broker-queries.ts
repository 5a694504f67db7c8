import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LocalBrokerOptions, LocalBrokerStatus } from '../../electron/contract';
import { call } from '../api/client';

export const brokerKeys = {
  status: ['localBroker.status'] as const,
  clients: ['localBroker.clients'] as const,
  retained: ['localBroker.retained'] as const,
};

export function useBrokerStatus(enabled: boolean) {
  return useQuery({ queryKey: brokerKeys.status, queryFn: () => call('localBroker.status', {}), enabled });
}

/** Keeps the newest status: a push and a request answer may arrive in either order. */
export function putStatus(queryClient: ReturnType<typeof useQueryClient>, status: LocalBrokerStatus): void {
  queryClient.setQueryData<LocalBrokerStatus>(brokerKeys.status, (known) =>
    known && known.since > status.since ? known : status,
  );
}

export function useBrokerClients(running: boolean) {
  return useQuery({
    queryKey: brokerKeys.clients,
    queryFn: () => call('localBroker.clients', {}),
    enabled: running,
  });
}

export function useBrokerRetained(running: boolean) {
  return useQuery({
    queryKey: brokerKeys.retained,
    queryFn: () => call('localBroker.retained', {}),
    enabled: running,
  });
}

export function useStartBroker() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: LocalBrokerOptions) => call('localBroker.start', options),
    onSuccess: (status) => putStatus(queryClient, status),
  });
}

export function useStopBroker() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call('localBroker.stop', {}),
    onSuccess: (status) => {
      putStatus(queryClient, status);
      queryClient.setQueryData(brokerKeys.clients, []);
      queryClient.setQueryData(brokerKeys.retained, { messages: [], total: 0 });
    },
  });
}

export function useDeleteRetained() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (topic: string) => call('localBroker.deleteRetained', { topic }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: brokerKeys.retained }),
  });
}
