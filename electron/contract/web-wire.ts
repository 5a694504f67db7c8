/**
 * How the contract travels over the web host's WebSocket: one MessagePack-encoded frame
 * per message (binary payloads stay binary, no base64). Electron IPC does not use this.
 */
import type { Envelope, EventName, EventPayload, RequestName } from './index';

/** Path of the WebSocket endpoint; the per-run token goes in the `token` query parameter. */
export const WEB_SOCKET_PATH = '/api';

export interface WireRequest {
  kind: 'request';
  /** Chosen by the client, echoed in the response. */
  id: number;
  name: RequestName;
  input: unknown;
}

export interface WireResponse {
  kind: 'response';
  id: number;
  envelope: Envelope<unknown>;
}

export type WireEvent = { [N in EventName]: { kind: 'event'; name: N; payload: EventPayload<N> } }[EventName];

export type ClientFrame = WireRequest;
export type ServerFrame = WireResponse | WireEvent;
