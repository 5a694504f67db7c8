/**
 * Record a connection's traffic to a JSON Lines file, and replay a recording (or an exported
 * message log) into any connection. The engine owns both loops: progress leaves a few times a
 * second, never once per message.
 */
import { z } from 'zod';
import { EngineTextSchema } from './engine-text';
import { ConnectionIdSchema, QosSchema, TopicFilterSchema, request } from './common';

/** An absolute file path chosen by the user (a recording outside the data folder). */
const FilePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'input.rule.absolutePath');

/** A recording in the data folder's `recordings/`, by file name only (no folders). */
export const RecordingNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\]+\.jsonl$/, 'input.rule.recordingName')
  .refine((n) => n !== '.jsonl' && !n.startsWith('.'), 'input.rule.recordingDot');

export const RecordStartSchema = z
  .object({
    connectionId: ConnectionIdSchema,
    /** Only messages whose topic matches this MQTT filter; all when absent. */
    filter: TopicFilterSchema.optional(),
    /** Also record what this connection publishes. */
    includeSent: z.boolean().default(false),
    /** Write here instead of the data folder's recordings/ (must not exist yet). */
    path: FilePathSchema.optional(),
  })
  .strict();
export type RecordStart = z.input<typeof RecordStartSchema>;

export const RecordingStateSchema = z.enum(['recording', 'stopped', 'failed']);

export const RecordingStatusSchema = z.object({
  recordingId: z.string(),
  connectionId: ConnectionIdSchema,
  path: z.string(),
  state: RecordingStateSchema,
  /** Messages written to the file. */
  written: z.number().int(),
  /** Messages dropped because the disk could not keep up (memory stays bounded). */
  dropped: z.number().int(),
  bytes: z.number().int(),
  startedAt: z.number(),
  /** Why it stopped, or a warning while it runs (e.g. the disk is falling behind). */
  detail: EngineTextSchema,
});
export type RecordingStatus = z.infer<typeof RecordingStatusSchema>;

/** One recording file as the list shows it, computed by streaming the file. */
export interface RecordingInfo {
  name: string;
  path: string;
  size: number;
  /** Messages (whole lines after the header). */
  count: number;
  /** From the header's start time to the last message, in ms. */
  durationMs: number;
  startedAt?: number;
  broker?: string;
  filter?: string;
  /** A recording still being written by this MQScope. */
  active: boolean;
  /** Lines that could not be read (a cut last line counts here). */
  unreadable: number;
}

/** Where a replay reads from: a recording in the data folder, or any file (recording or export). */
export const ReplaySourceSchema = z.union([
  z.object({ recording: RecordingNameSchema }).strict(),
  z.object({ path: FilePathSchema }).strict(),
]);
export type ReplaySource = z.infer<typeof ReplaySourceSchema>;

export const ReplayStartSchema = z
  .object({
    connectionId: ConnectionIdSchema,
    source: ReplaySourceSchema,
    /** 1 = original timing, 10 = ten times faster, 'max' = as fast as the broker takes them. */
    speed: z.union([z.number().min(0.01).max(10_000), z.literal('max')]).default(1),
    /** Prepended to every topic (after the regex replace). */
    prefix: z.string().max(1024).optional(),
    /** JavaScript regular expression and its replacement ($1…), applied to every topic. */
    rewrite: z
      .object({ pattern: z.string().min(1).max(1024), replace: z.string().max(1024) })
      .strict()
      .optional(),
    qos: QosSchema.optional(),
    retain: z.enum(['keep', 'on', 'off']).default('keep'),
    loop: z.boolean().default(false),
    /** Only records whose original topic matches this MQTT filter. */
    filter: TopicFilterSchema.optional(),
    /** Also replay what the recorded connection sent (off: received messages only). */
    includeSent: z.boolean().default(false),
  })
  .strict();
export type ReplayStart = z.input<typeof ReplayStartSchema>;

export const ReplayStateSchema = z.enum(['running', 'paused', 'finished', 'stopped', 'failed']);
export type ReplayState = z.infer<typeof ReplayStateSchema>;

export const ReplayProgressSchema = z.object({
  replayId: z.string(),
  connectionId: ConnectionIdSchema,
  state: ReplayStateSchema,
  sent: z.number().int(),
  failed: z.number().int(),
  /** Lines not replayed: filtered out, unreadable, or a topic the rewrite made invalid. */
  skipped: z.number().int(),
  /** Messages in one pass of the file. */
  total: z.number().int(),
  /** Completed passes (loop). */
  loops: z.number().int(),
  detail: EngineTextSchema,
});
export type ReplayProgress = z.infer<typeof ReplayProgressSchema>;

const ReplayIdInput = z.object({ replayId: z.string().min(1).max(64) }).strict();

export const recordRequests = {
  'record.start': request<RecordingStatus>()(RecordStartSchema),
  'record.stop': request<RecordingStatus>()(z.object({ recordingId: z.string().min(1).max(64) }).strict()),
  /** Recordings running now, on any connection. */
  'record.active': request<RecordingStatus[]>()(z.object({}).strict()),
  /** Recordings in the data folder (and those written elsewhere this session), newest first. */
  'record.list': request<RecordingInfo[]>()(z.object({}).strict()),
  'record.delete': request<{ name: string }>()(z.object({ name: RecordingNameSchema }).strict()),
  /** A recording or export opened from elsewhere (the desktop's file association): listed from now on. */
  'record.open': request<RecordingInfo>()(z.object({ path: FilePathSchema }).strict()),
  'replay.start': request<ReplayProgress>()(ReplayStartSchema),
  'replay.pause': request<ReplayProgress>()(ReplayIdInput.extend({ paused: z.boolean() }).strict()),
  'replay.stop': request<ReplayProgress>()(ReplayIdInput),
  'replay.list': request<ReplayProgress[]>()(z.object({}).strict()),
} as const;

export const recordEvents = {
  /** A few per second while recording, and once when it ends. */
  'record.status': RecordingStatusSchema,
  /** A few per second per replay, plus one on each state change. */
  'replay.progress': ReplayProgressSchema,
} as const;
