import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getTransport } from '../api/bridge';
import { upsertStatus } from './connection-cache';

/** The one place `connection.status` pushes enter the renderer. Mount once. */
export function useConnectionStatusFeed(): void {
  const queryClient = useQueryClient();
  useEffect(
    () => getTransport().bridge.on('connection.status', (status) => upsertStatus(queryClient, status)),
    [queryClient],
  );
}
