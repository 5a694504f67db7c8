import type { MqscopeBridge } from '../../electron/contract';
import type { ReadableStore } from './store';

/**
 * Whether the renderer can reach its host. Electron's preload is always "open";
 * the web host's WebSocket can fail to open or drop, and the UI must say which.
 */
export type TransportStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  | {
      state: 'closed';
      /** no-token: the page was opened without ?token=; unreachable: never opened; lost: dropped after opening. */
      cause: 'no-token' | 'unreachable' | 'lost';
      reason: string;
    };

export interface Transport {
  bridge: MqscopeBridge;
  status: ReadableStore<TransportStatus>;
}

/** The sentence every request gets once the host is gone, so the UI has one thing to show. */
export const LOST_HOST_MESSAGE = 'Lost the connection to the MQScope host.';
