import { useEffect } from 'react';
import { getTransport } from '../api/bridge';
import { packetStore } from './packet-store';

/**
 * The one place `packets.batch` pushes enter the renderer. Mount once. The store keeps
 * only the connection the timeline follows, and nothing while the timeline is hidden.
 */
export function usePacketFeed(): void {
  useEffect(
    () =>
      getTransport().bridge.on('packets.batch', ({ connectionId, packets }) =>
        packetStore.append(connectionId, packets),
      ),
    [],
  );
}
