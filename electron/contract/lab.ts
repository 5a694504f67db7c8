/**
 * Lab actions on a live connection: ways to leave a broker that a real device has (crash,
 * hang, a will-carrying goodbye), so the broker's reaction can be watched.
 */
import type { ConnectionStatus } from './connection';
import { OnConnection, request } from './common';

export const labRequests = {
  /** Destroys the socket without DISCONNECT, as a crash or a lost network does: the will fires. */
  'connection.drop': request<ConnectionStatus>()(OnConnection),
  /**
   * Stops sending anything, PINGREQ included, with the socket left open: the broker times the
   * client out after 1.5 × keepalive. Resolves at once; the status says when the broker acted.
   */
  'connection.stall': request<ConnectionStatus>()(OnConnection),
  /** MQTT 5 DISCONNECT with reason 0x04: a clean goodbye that still asks for the will. */
  'connection.disconnectWithWill': request<ConnectionStatus>()(OnConnection),
} as const;
