import type { QueryClient } from '@tanstack/react-query';
import type { Subscription } from '../../electron/contract';

export const subscriptionKeys = {
  list: (connectionId: string) => ['subscription.list', connectionId] as const,
};

/** The engine's whole list for one connection: it is short, so it simply replaces ours. */
export function setSubscriptions(
  queryClient: QueryClient,
  connectionId: string,
  subscriptions: Subscription[],
): void {
  queryClient.setQueryData(subscriptionKeys.list(connectionId), subscriptions);
}
