/**
 * The message path: what the engine receives, what it keeps per connection (a bounded
 * message log and a live topic index), and how the renderer reads it.
 *
 * The renderer pulls: `stream.poll` answers with what changed since the caller's cursors,
 * coalesced (each changed topic once, with its latest state) and capped in size, and may
 * wait briefly for news. A slow renderer simply polls less often; nothing queues up on the
 * socket or in IPC, and the engine keeps ingesting at the broker's pace.
 */
import { z } from 'zod';
import { EmptyInput, OnConnection, QosSchema, TopicNameSchema, request } from './common';
import type { Qos } from './common';
import { MessagePropertiesSchema, type MessageProperties } from './properties';
import { TopicMatchSchema } from './topic-match';

export const ReceivedMessageSchema = z.object({
  topic: z.string(),
  /** Raw bytes, copied off the socket: any message can be re-decoded later. */
  payload: z.instanceof(Uint8Array),
  qos: QosSchema,
  retain: z.boolean(),
  /** MQTT 5 properties, when the message carried any. */
  properties: MessagePropertiesSchema.optional(),
  /** Epoch milliseconds at which the engine received it. */
  receivedAt: z.number(),
  /** The size as sent, when the connection kept only a prefix of a large payload. */
  size: z.number().int().min(0).optional(),
});
export type ReceivedMessage = z.infer<typeof ReceivedMessageSchema>;

const MiB = 1024 * 1024;

/** What the engine keeps per connection. Older messages beyond a bound are evicted and counted. */
export const StreamLimitsSchema = z.object({
  maxMessages: z.number().int().min(100).max(10_000_000),
  maxBytes: z
    .number()
    .int()
    .min(MiB)
    .max(16 * 1024 * MiB),
  /** A payload above this is kept truncated to it, and marked so. */
  maxPayloadBytes: z
    .number()
    .int()
    .min(1024)
    .max(256 * MiB),
  /**
   * One memory budget for the logs of all connections together: beyond it the oldest
   * messages (whichever connection holds them) are evicted and counted.
   */
  maxTotalBytes: z
    .number()
    .int()
    .min(8 * MiB)
    .max(64 * 1024 * MiB),
});
export type StreamLimits = z.infer<typeof StreamLimitsSchema>;

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  maxMessages: 100_000,
  maxBytes: 256 * MiB,
  maxPayloadBytes: 16 * MiB,
  // Two full logs at the per-connection default: one busy connection can use all of its
  // own bound, and three dropped ones no longer keep 3 × 256 MB (Trust #17).
  maxTotalBytes: 512 * MiB,
};

/** Bytes of payload each summary carries for one-line previews. */
export const PREVIEW_BYTES = 160;

/** One message as lists show it: everything but the full payload. */
export interface MessageSummary {
  /** Increasing per connection, without gaps: the log's row number. */
  seq: number;
  topic: string;
  qos: Qos;
  retain: boolean;
  /** Payload size as the broker sent it. */
  size: number;
  /** Set when only the first `truncatedAt` bytes were kept (the payload limit). */
  truncatedAt?: number;
  /** The first PREVIEW_BYTES of the payload. */
  preview: Uint8Array;
  receivedAt: number;
  hasProperties: boolean;
}

/** One node of the topic tree (a topic level), with its subtree totals. */
export interface TopicNodeState {
  /** The topic up to this level, e.g. "home/kitchen". */
  path: string;
  /** Messages on exactly this topic. */
  messages: number;
  /** Messages on this topic and every topic below it. */
  total: number;
  /** This topic holds a retained value (the broker replayed one; an empty one clears it). */
  retained: boolean;
  /** Topics at or below this level holding a retained value. */
  retainedBelow: number;
  /**
   * Exponentially decaying rates (messages/s) as of `rateAt`, for this topic and for its
   * subtree. Readers decay them to "now" with RATE_TAU_MS, so an idle topic drops to 0
   * without the engine sending anything.
   */
  rate: number;
  rateTotal: number;
  rateAt: number;
  /**
   * Arrivals on this topic and below per whole second, newest second first (see
   * windowCount): the rate the tree shows is a count over a stated window, not a decay.
   */
  recent?: RecentCounts;
  /** The last message on exactly this topic. */
  last?: MessageSummary;
}

/** Time constant of the topic rates: a topic that stops reads ~0 after a few of these. */
export const RATE_TAU_MS = 2000;

export function decayedRate(rate: number, rateAt: number, now: number): number {
  return now <= rateAt ? rate : rate * Math.exp(-(now - rateAt) / RATE_TAU_MS);
}

/** The window the topic tree's rate is measured over (Data #8: "msgs in the last 10 s"). */
export const RATE_WINDOW_S = 10;

export interface RecentCounts {
  /** The epoch second of counts[0]. */
  second: number;
  /** counts[i]: arrivals during second `second - i`; at most RATE_WINDOW_S entries. */
  counts: number[];
}

/** Arrivals within the RATE_WINDOW_S whole seconds up to and including now's second. */
export function windowCount(recent: RecentCounts | undefined, now: number): number {
  if (!recent) return 0;
  const oldest = Math.floor(now / 1000) - RATE_WINDOW_S + 1;
  let sum = 0;
  recent.counts.forEach((count, i) => {
    if (recent.second - i >= oldest) sum += count;
  });
  return sum;
}

export interface StreamStats {
  connectionId: string;
  /** Changes on clear: a reader holding another epoch starts over. */
  epoch: number;
  /** Oldest and newest seq still in the log (firstSeq > lastSeq when it is empty). */
  firstSeq: number;
  lastSeq: number;
  /** Messages in the log now, and the bytes they take (payloads plus bookkeeping). */
  count: number;
  bytes: number;
  /** Bytes the logs of all connections take together (bounded by limits.maxTotalBytes). */
  totalBytes: number;
  /** The oldest messages dropped to stay within the limits, since the last clear. */
  evicted: number;
  /** Messages kept truncated because of the payload limit, since the last clear. */
  truncated: number;
  /** Messages received since the last clear (keeps counting while paused). */
  received: number;
  /** Distinct topics seen since the last clear. */
  topics: number;
  paused: boolean;
  limits: StreamLimits;
}

export interface StreamPollResult {
  stats: StreamStats;
  /** Topic nodes changed since the cursor, each once with its latest state, oldest change first. */
  topics: TopicNodeState[];
  /** Pass back as `topicCursor` on the next poll. */
  topicCursor: number;
  /** More changed topics are waiting than one answer carries: poll again at once. */
  moreTopics: boolean;
  /**
   * The newest messages after `afterSeq` (at most `maxTail`, ascending). Rows skipped
   * between `afterSeq` and the first of these are still in the log: fetch them by seq.
   */
  tail: MessageSummary[];
}

/** The memory budget across connections, and each connection's share of it. */
export interface StreamMemory {
  budget: number;
  used: number;
  connections: { connectionId: string; bytes: number; count: number }[];
}

export interface MessageDetail extends MessageSummary {
  /** The kept payload, or its first `maxBytes` when the caller asked for less. */
  payload: Uint8Array;
  properties?: MessageProperties;
  /** The message before this one on the same topic, when it is still kept (for a diff). */
  previous?: { seq: number; receivedAt: number; size: number; payload: Uint8Array };
}

export interface MessageExportResult {
  /** JSON Lines, or CSV with a header row. Payloads as UTF-8 text, or base64 when not UTF-8. */
  content: string;
  count: number;
  format: 'jsonl' | 'csv';
}

export interface ClearRetainedResult {
  /** Topics that got an empty retained message. */
  cleared: string[];
  failed: { topic: string; message: string }[];
}

const Seq = z.number().int().min(1);
const MaxDetailBytes = z
  .number()
  .int()
  .min(1)
  .max(256 * MiB)
  .default(MiB);

export const messageRequests = {
  'stream.poll': request<StreamPollResult>()(
    OnConnection.extend({
      /** The epoch the caller's cursors belong to; another one starts from scratch. */
      epoch: z.number().int().min(0).default(0),
      topicCursor: z.number().int().min(0).default(0),
      afterSeq: z.number().int().min(0).default(0),
      /** Wait up to this long for news before answering (a long poll). */
      waitMs: z.number().int().min(0).max(5000).default(0),
      maxTopics: z.number().int().min(1).max(20_000).default(2000),
      maxTail: z.number().int().min(1).max(5000).default(500),
    }).strict(),
  ),
  /** While paused the log and counts keep running; polls carry stats only, so views freeze. */
  'stream.pause': request<StreamStats>()(OnConnection.extend({ paused: z.boolean() }).strict()),
  /** Empties the log and the topic index, and starts a new epoch. */
  'stream.clear': request<StreamStats>()(OnConnection),
  'stream.limits': request<StreamLimits>()(EmptyInput),
  /** The budget shared by every connection's log, what is used, and by whom. */
  'stream.memory': request<StreamMemory>()(EmptyInput),
  /** Applies to every connection at once; a lower bound evicts (and counts) right away. */
  'stream.setLimits': request<StreamLimits>()(StreamLimitsSchema.partial().strict()),
  /** Summaries of the given seqs that are still in the log, ascending. */
  'messages.summaries': request<MessageSummary[]>()(
    OnConnection.extend({ seqs: z.array(Seq).max(2000) }).strict(),
  ),
  /** Seqs of every kept message whose topic matches, ascending. */
  'messages.match': request<{ seqs: number[]; lastSeq: number; epoch: number }>()(
    OnConnection.extend({ match: TopicMatchSchema }).strict(),
  ),
  'messages.detail': request<MessageDetail>()(
    OnConnection.extend({ seq: Seq, maxBytes: MaxDetailBytes }).strict(),
  ),
  /** The last message on a topic, kept by the topic index even after the log evicted it. */
  'topics.detail': request<MessageDetail>()(
    OnConnection.extend({ topic: z.string().min(1).max(65535), maxBytes: MaxDetailBytes }).strict(),
  ),
  /** The kept messages (all, or those matching), as JSON Lines or CSV. */
  'messages.export': request<MessageExportResult>()(
    OnConnection.extend({ format: z.enum(['jsonl', 'csv']), match: TopicMatchSchema.optional() }).strict(),
  ),
  /** Publishes an empty retained message to the topic (or every topic below it) that holds one. */
  'topics.clearRetained': request<ClearRetainedResult>()(
    OnConnection.extend({ topic: TopicNameSchema, subtree: z.boolean().default(false) }).strict(),
  ),
} as const;

export const messageEvents = {} as const;
