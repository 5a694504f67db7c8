import { useSyncExternalStore } from 'react';
import { getTransport } from './bridge';
import type { TransportStatus } from './transport';

export function useTransportStatus(): TransportStatus {
  const { status } = getTransport();
  return useSyncExternalStore(status.subscribe, status.getSnapshot);
}
