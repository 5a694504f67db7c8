import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getTransport } from '../api/bridge';
import { brokerActivity } from './activity-store';
import { brokerKeys, putStatus } from './broker-queries';

/**
 * The one place the local broker's pushes enter the renderer. The client and retained
 * lists are refetched only when the broker says they changed, at most twice a second.
 */
export function useBrokerFeed(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const { bridge } = getTransport();
    const stopStatus = bridge.on('localBroker.status', (status) => {
      putStatus(queryClient, status);
      if (status.state === 'running' || status.state === 'stopped') {
        void queryClient.invalidateQueries({ queryKey: brokerKeys.clients });
        void queryClient.invalidateQueries({ queryKey: brokerKeys.retained });
      }
      if (status.state === 'stopped') brokerActivity.set(null);
    });
    const stopActivity = bridge.on('localBroker.activity', (activity) => {
      const previous = brokerActivity.getSnapshot();
      brokerActivity.set(activity);
      if (previous?.clientsRevision !== activity.clientsRevision) {
        void queryClient.invalidateQueries({ queryKey: brokerKeys.clients });
      }
      if (previous?.retainedRevision !== activity.retainedRevision) {
        void queryClient.invalidateQueries({ queryKey: brokerKeys.retained });
      }
    });
    return () => {
      stopStatus();
      stopActivity();
    };
  }, [queryClient]);
}
