import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client';

/** While something waits for its acknowledgement, look again this often. */
const POLL_WHILE_WAITING_MS = 2000;

export const queueKey = (connectionId: string) => ['publish.queue', connectionId] as const;

/**
 * QoS 1 and 2 messages sent but not yet acknowledged. Asked after every publish (the
 * caller invalidates) and polled slowly only while the queue is not empty.
 */
export function useOutgoingQueue(connectionId: string | null, connected: boolean) {
  const queryClient = useQueryClient();
  const queue = useQuery({
    queryKey: queueKey(connectionId ?? ''),
    queryFn: () => call('publish.queue', { connectionId: connectionId ?? '' }),
    enabled: !!connectionId && connected,
    refetchInterval: (query) => ((query.state.data?.length ?? 0) > 0 ? POLL_WHILE_WAITING_MS : false),
  });
  const clear = useMutation({
    mutationFn: (id: string) => call('publish.clearQueue', { connectionId: id }),
    onSettled: (_r, _e, id) => queryClient.invalidateQueries({ queryKey: queueKey(id) }),
  });
  return { queued: connected ? (queue.data ?? []) : [], clear };
}
