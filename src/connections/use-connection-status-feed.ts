import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getTransport } from '../api/bridge';
import { upsertStatus } from './connection-cache';
import { useDropConnection } from './connection-queries';

/** The one place `connection.status` and `connection.removed` pushes enter the renderer. Mount once. */
export function useConnectionStatusFeed(): void {
  const queryClient = useQueryClient();
  const drop = useDropConnection();
  useEffect(
    () => getTransport().bridge.on('connection.status', (status) => upsertStatus(queryClient, status)),
    [queryClient],
  );
  // Trust #16: another page removed it; this one must not keep showing a connection that is gone.
  useEffect(
    () => getTransport().bridge.on('connection.removed', ({ connectionId }) => drop(connectionId)),
    [drop],
  );
}
