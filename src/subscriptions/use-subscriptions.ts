import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput, Subscription } from '../../electron/contract';
import { call } from '../api/client';
import { subscriptionKeys } from './subscription-cache';

const NONE: Subscription[] = [];

/**
 * The engine's subscriptions of one connection: listed once when it is shown, then kept
 * current by `subscriptions.changed` pushes (pending → active or refused, restored after a
 * reconnect). A refusal is a result the list shows, not an error.
 */
export function useSubscriptions(connectionId: string | null, live: boolean) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: subscriptionKeys.list(connectionId ?? ''),
    queryFn: () => call('subscription.list', { connectionId: connectionId ?? '' }),
    enabled: !!connectionId && live,
  });

  const subscribe = useMutation({
    mutationFn: (input: RequestInput<'subscription.add'>) => call('subscription.add', input),
  });

  const unsubscribe = useMutation({
    mutationFn: (input: { connectionId: string; filter: string }) => call('subscription.remove', input),
    // The push says the same; this keeps the list right if the push raced ahead of a refetch.
    onSuccess: (_result, { connectionId: id, filter }) =>
      queryClient.setQueryData<Subscription[]>(subscriptionKeys.list(id), (old) =>
        old?.filter((s) => s.filter !== filter),
      ),
  });

  return { list: live ? (list.data ?? NONE) : NONE, subscribe, unsubscribe };
}
