import type { MqscopeBridge } from '../../electron/contract';
import { createValueStore } from './store';
import type { Transport } from './transport';
import { createWsTransport, webSocketUrl } from './ws-transport';

declare global {
  interface Window {
    /** Exposed by Electron's preload; absent in a browser served by the web host. */
    readonly mqscope?: MqscopeBridge;
  }
}

let transport: Transport | null = null;

/**
 * The one transport of this page, created on first use: Electron's preload bridge when
 * present (always reachable), otherwise the web host's WebSocket.
 */
export function getTransport(): Transport {
  if (!transport) {
    const preload = window.mqscope;
    transport = preload
      ? { bridge: preload, status: createValueStore({ state: 'open' } as const) }
      : createWsTransport(webSocketUrl(window.location));
  }
  return transport;
}
