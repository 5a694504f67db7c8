/**
 * Decoded values beyond the detail pane (issue 12 #3, #4): one-line previews of decoded
 * payloads for the rows a list or tree shows, and Sparkplug B as state: groups, edge nodes
 * and devices, online/offline from births and deaths, seq gaps, and "rebirth needed".
 * Everything is computed in the engine, lazily: when the renderer asks, never on ingest.
 */
import { z } from 'zod';
import { OnConnection, request } from './common';
import type { CodecId } from '../codecs/types';
import { ProfileIdSchema } from './profiles';
import type { EngineText } from './engine-text';

/** A Sparkplug identifier (group, edge node): one topic level, no wildcards. */
export const SparkplugIdSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^/+#]+$/, 'input.rule.sparkplugId');

/** Why a node or device needs a rebirth. */
export interface RebirthNeed {
  reason: 'no-birth' | 'unknown-alias';
  /** unknown-alias: the alias no birth named. */
  alias?: string;
  /** The message that showed it. */
  seq: number;
  receivedAt: number;
}

/** A decoded Sparkplug preview: the message kind and its first metrics. */
export interface SparkplugPreview {
  /** NBIRTH, DDATA, … (the topic's message type). */
  kind: string;
  /** The payload's seq, when it has one. */
  payloadSeq?: number;
  count: number;
  /** The first few metrics, value as compact text. Name is absent when only an alias is known. */
  metrics: { name?: string; alias?: string; value: string }[];
  /** Metrics whose alias no birth named: the node needs a rebirth. */
  unknownAliases: number;
  /** DATA for a node or device without a birth on record. */
  noBirth: boolean;
}

export interface DecodedPreview {
  seq: number;
  codec: CodecId;
  /** Compact JSON of the decoded value, cut to a line (MessagePack, CBOR, Protobuf). */
  json?: string;
  sparkplug?: SparkplugPreview;
  /** The payload did not decode with its codec: the decoder's reason. */
  error?: EngineText;
}

export interface SparkplugMetric {
  name?: string;
  alias?: string;
  datatype?: string;
  /** The decoded value, as JSON. */
  value: unknown;
  timestamp?: string;
  /** The "Quality" property, when the metric carries one. */
  quality?: unknown;
  properties?: Record<string, unknown>;
  /** Seq of the message that last set it. */
  seq: number;
}

export interface SeqGap {
  /** The message whose seq broke the count. */
  seq: number;
  topic: string;
  expected: number;
  received: number;
  receivedAt: number;
}

export interface SparkplugDecodeError {
  seq: number;
  topic: string;
  text: EngineText;
  receivedAt: number;
}

export interface SparkplugDevice {
  id: string;
  /** null: seen in DATA only, no birth or death yet. */
  online: boolean | null;
  birthSeq?: number;
  deathSeq?: number;
  rebirth?: RebirthNeed;
  metrics: SparkplugMetric[];
}

export interface SparkplugNode {
  group: string;
  id: string;
  online: boolean | null;
  /** The bdSeq of the current birth. */
  bdSeq?: number;
  birthSeq?: number;
  deathSeq?: number;
  /** The payload seq last seen from this node (0–255). */
  lastPayloadSeq?: number;
  gaps: SeqGap[];
  /** The latest NDEATH whose bdSeq did not match the current birth: it left the node online. */
  staleDeath?: { seq: number; bdSeq: number | null; expected: number | null; receivedAt: number };
  rebirth?: RebirthNeed;
  lastError?: SparkplugDecodeError;
  metrics: SparkplugMetric[];
  devices: SparkplugDevice[];
}

export interface SparkplugState {
  /** The log's epoch and the last seq taken into account. */
  epoch: number;
  processedSeq: number;
  groups: { id: string; nodes: SparkplugNode[] }[];
  /** Recent payloads that did not decode, newest last. */
  errors: SparkplugDecodeError[];
}

/** How many gaps and errors are kept per node and per connection: the newest win. */
export const SPARKPLUG_KEPT_EVENTS = 50;

export const sparkplugRequests = {
  /** Decoded one-line previews of these messages (rows on screen), where a codec applies. */
  'payload.previews': request<DecodedPreview[]>()(
    OnConnection.extend({
      seqs: z.array(z.number().int().positive()).max(500),
      profileId: ProfileIdSchema.optional(),
    }).strict(),
  ),
  /** The Sparkplug B namespace as state, brought up to date with the kept log. */
  'sparkplug.state': request<SparkplugState>()(OnConnection),
  /** Publishes NCMD "Node Control/Rebirth" = true to the edge node (QoS 0, not retained). */
  'sparkplug.rebirth': request<{ topic: string; bytes: number }>()(
    OnConnection.extend({ group: SparkplugIdSchema, node: SparkplugIdSchema }).strict(),
  ),
} as const;
