/**
 * The keepalive and last-will lab: ways to leave a broker that a real device has (crash,
 * hang, a will-carrying goodbye, a clean goodbye), and a will observer that reports whether
 * and when the broker published the will, against what the MQTT specification says.
 */
import type { EngineText } from './engine-text';
import { z } from 'zod';
import type { ConnectionStatus } from './connection';
import { OnConnection, request } from './common';
import { ProfileIdSchema } from './profiles';
import type { MessageProperties } from './properties';

export const LabActionSchema = z.enum(['drop', 'stall', 'disconnectWithWill', 'disconnect']);
export type LabAction = z.infer<typeof LabActionSchema>;

export interface LabExpectation {
  /** What the specification says, in one sentence. */
  description: EngineText;
  /** null: no will is expected at all. Otherwise a window, in ms after `from`. */
  window: { from: 'action' | 'lastPacket'; earliestMs: number; latestMs: number } | null;
}

export interface LabResult {
  id: string;
  connectionId: string;
  /** The profile the connection was opened from: the result is kept with it. */
  profileId?: string;
  brokerUrl: string;
  clientId: string;
  action: LabAction;
  willTopic: string;
  keepaliveSeconds: number;
  willDelaySeconds: number;
  /** Epoch ms: the last packet the client sent before the action, and the action itself. */
  lastPacketAt: number | null;
  actionAt: number;
  /** How long the observer watched for the will. */
  observedForMs: number;
  will: {
    arrivedAt: number;
    afterActionMs: number;
    afterLastPacketMs: number | null;
    payload: Uint8Array;
    properties?: MessageProperties;
  } | null;
  expected: LabExpectation;
  verdict: 'as-specified' | 'not-as-specified';
  /** One line: what happened and whether that is what the specification says. */
  verdictText: EngineText;
}

export interface LabHistory {
  results: LabResult[];
  /** The history file could not be read at start and was moved here (it is never overwritten). */
  setAsidePath: string | null;
}

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
  /**
   * Runs a lab action with a will observer: a separate connection to the same broker that
   * subscribes to the will topic first, then reports whether, and when, the will arrived.
   * Resolves when the observation window closes (seconds, for a stall).
   */
  'lab.run': request<LabResult>()(OnConnection.extend({ action: LabActionSchema }).strict()),
  /**
   * Earlier results, newest first: a profile's (kept with it), else a broker's (connections
   * without a profile), else all of them, so two brokers can be compared.
   */
  'lab.history': request<LabHistory>()(
    z.object({ profileId: ProfileIdSchema.optional(), brokerUrl: z.string().max(2048).optional() }).strict(),
  ),
} as const;
