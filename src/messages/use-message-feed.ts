import { useEffect, useRef } from 'react';
import { getTransport } from '../api/bridge';
import { messageStore } from './message-store';

/**
 * The one place `messages.batch` pushes enter the renderer. Mount once.
 * A host may serve several pages (tabs, test runs) and pushes every connection's
 * messages to all of them: keep only those of the connection this page works with.
 */
export function useMessageFeed(connectionId: string | null): void {
  const current = useRef(connectionId);
  useEffect(() => {
    current.current = connectionId;
  }, [connectionId]);

  useEffect(
    () =>
      getTransport().bridge.on('messages.batch', ({ connectionId: from, messages }) => {
        if (from === current.current) messageStore.append(from, messages);
      }),
    [],
  );
}
