import { useEffect } from 'react';
import { getTransport } from '../api/bridge';
import { keepaliveStore } from './keepalive-store';

/** The one place packet batches reach the keepalive panel. Mounted once. */
export function useKeepaliveFeed(): void {
  useEffect(
    () =>
      getTransport().bridge.on('packets.batch', ({ connectionId, packets }) =>
        keepaliveStore.ingest(connectionId, packets),
      ),
    [],
  );
}
