import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Qos } from '../../electron/contract';
import { RequestFailure, call } from '../api/client';

export interface ActiveSubscription {
  filter: string;
  grantedQos: Qos;
}

type ByConnection = Readonly<Record<string, readonly ActiveSubscription[]>>;

/**
 * Subscriptions the broker granted, per connection. The engine does not list them, so the
 * renderer remembers what it asked for and what the broker answered.
 */
export function useSubscriptions(connectionId: string | null) {
  const [byConnection, setByConnection] = useState<ByConnection>({});

  const update = (
    id: string,
    change: (list: readonly ActiveSubscription[]) => readonly ActiveSubscription[],
  ) => setByConnection((all) => ({ ...all, [id]: change(all[id] ?? []) }));

  const subscribe = useMutation({
    mutationFn: async (input: { connectionId: string; filter: string; qos: Qos }) => {
      const result = await call('subscription.add', input);
      if (result.grantedQos === null) {
        throw new RequestFailure({
          code: 'mqtt-error',
          message: `The broker refused the subscription to "${result.filter}": ${result.reasonText}.`,
        });
      }
      return { connectionId: input.connectionId, filter: result.filter, grantedQos: result.grantedQos };
    },
    onSuccess: ({ connectionId: id, filter, grantedQos }) =>
      // Subscribing again to the same filter replaces it (MQTT §3.8.4), so the list does too.
      update(id, (list) => [...list.filter((s) => s.filter !== filter), { filter, grantedQos }]),
  });

  const unsubscribe = useMutation({
    mutationFn: (input: { connectionId: string; filter: string }) => call('subscription.remove', input),
    onSuccess: (_result, { connectionId: id, filter }) =>
      update(id, (list) => list.filter((s) => s.filter !== filter)),
  });

  const list = connectionId ? (byConnection[connectionId] ?? []) : [];
  return { list, subscribe, unsubscribe };
}
