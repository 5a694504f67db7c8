import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getTransport } from '../api/bridge';
import { setSubscriptions } from './subscription-cache';

/** The one place `subscriptions.changed` pushes enter the renderer. Mount once. */
export function useSubscriptionsFeed(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      getTransport().bridge.on('subscriptions.changed', ({ connectionId, subscriptions }) =>
        setSubscriptions(queryClient, connectionId, subscriptions),
      ),
    [queryClient],
  );
}
