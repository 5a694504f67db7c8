/**
 * The broker check: a suite of small, independent probes of what a broker really does, each
 * against one statement of the MQTT specification, with the packets and timings as evidence.
 * The engine runs it (`check.run`) for a profile or for connection options; the CLI runs the
 * same suite from a terminal.
 */
import { z } from 'zod';
import { ConnectOptionsSchema } from './connection';
import { request } from './common';
import { EngineTextSchema, type EngineText } from './engine-text';
import { PacketRecordSchema } from './packets';
import { ProfileIdSchema } from './profiles';

export const CHECK_GROUPS = [
  'delivery',
  'retained',
  'will',
  'keepalive',
  'sessions',
  'client-ids',
  'subscriptions',
  'dollar-topics',
  'mqtt5-properties',
  'shared-subscriptions',
  'limits',
] as const;
export const CheckGroupSchema = z.enum(CHECK_GROUPS);
export type CheckGroup = z.infer<typeof CheckGroupSchema>;

/**
 * conforms: the broker did what the statement says. differs: it did something else (the
 * finding says what). not-supported: the broker says in its CONNACK that it lacks the feature
 * (or refuses MQTT 5), so the statement does not apply. could-not-run: the check could not
 * reach a verdict (a helper was refused, the broker went away, a precondition failed).
 */
export const CheckVerdictSchema = z.enum(['conforms', 'differs', 'not-supported', 'could-not-run']);
export type CheckVerdict = z.infer<typeof CheckVerdictSchema>;

/** One packet of the evidence, labelled with the helper connection that saw it. */
export const CheckPacketSchema = PacketRecordSchema.extend({
  /** Which helper: "publisher", "subscriber", "will-client", … */
  client: z.string(),
});
export type CheckPacket = z.infer<typeof CheckPacketSchema>;

/** A measured time, e.g. "will arrived after drop": 2013 ms, expected 2000–3000. */
export const CheckTimingSchema = z.object({
  label: z.string(),
  ms: z.number(),
  /** The window the specification allows, when there is one. */
  expected: z.object({ minMs: z.number(), maxMs: z.number() }).optional(),
});
export type CheckTiming = z.infer<typeof CheckTimingSchema>;

export const CheckResultSchema = z.object({
  /** Stable across runs: "retained.cleared-by-empty-payload". The known-answer tests key on it. */
  id: z.string(),
  group: CheckGroupSchema,
  /** "MQTT 5 §3.3.1.3; MQTT 3.1.1 §3.3.1.3". */
  specRef: z.string(),
  /** The specification's statement, in one sentence (English). */
  statement: z.string(),
  /** The same statement as an engine key (Issue 14); absent in runs stored before it. */
  statementText: EngineTextSchema.optional(),
  verdict: CheckVerdictSchema,
  /** One line: what the broker did, in English (the CLI, the Markdown report, stored runs). */
  finding: z.string(),
  /** The same finding as an engine key (Issue 14), for the renderer to word; absent for a group not keyed yet. */
  findingText: EngineTextSchema.optional(),
  evidence: z.object({
    packets: z.array(CheckPacketSchema),
    timings: z.array(CheckTimingSchema),
    /** Packets left out to keep the evidence bounded. */
    packetsOmitted: z.number().int().optional(),
  }),
  durationMs: z.number(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** What the suite learnt from its first CONNACK, before any check ran. */
export const CheckBrokerSchema = z.object({
  url: z.string(),
  /** The protocol the checks spoke: 5.0 unless the broker refused it. */
  protocolVersion: z.enum(['3.1.1', '5.0']),
  /** The CONNACK's properties as received (MQTT 5), JSON-safe. */
  connack: z.record(z.string(), z.json()),
});
export type CheckBroker = z.infer<typeof CheckBrokerSchema>;

export const CheckReportSchema = z.object({
  runId: z.string(),
  /** Every topic the run used starts with this (`mqscope-check/<run-id>`). */
  topicRoot: z.string(),
  startedAt: z.number(),
  finishedAt: z.number(),
  /** null when the broker could not be reached at all: then `problem` says why. */
  broker: CheckBrokerSchema.nullable(),
  problem: z.string().optional(),
  results: z.array(CheckResultSchema),
  /** PUBLISH packets the helpers sent in the whole run, never above `messageBound`. */
  messagesSent: z.number().int(),
  messageBound: z.number().int(),
  counts: z.record(CheckVerdictSchema, z.number().int()),
});
export type CheckReport = z.infer<typeof CheckReportSchema>;

/** A check as the run announces it, before its result exists. */
export const CheckPlanItemSchema = z.object({
  id: z.string(),
  group: CheckGroupSchema,
  specRef: z.string(),
  statement: z.string(),
  statementText: EngineTextSchema.optional(),
});
export type CheckPlanItem = z.infer<typeof CheckPlanItemSchema>;

export const CheckTargetSchema = z.discriminatedUnion('kind', [
  /** A stored profile's broker, secrets included; its will and client ID are not used. */
  z.object({ kind: z.literal('profile'), id: ProfileIdSchema }).strict(),
  /** Connection options as the connect form sends them. */
  z.object({ kind: z.literal('options'), options: ConnectOptionsSchema }).strict(),
]);
export type CheckTarget = z.input<typeof CheckTargetSchema>;

export const CheckRunInputSchema = z
  .object({
    target: CheckTargetSchema,
    /** Only these groups; all of them when left out. */
    groups: z.array(CheckGroupSchema).min(1).max(CHECK_GROUPS.length).optional(),
  })
  .strict();
export type CheckRunInput = z.input<typeof CheckRunInputSchema>;

export const CheckProgressSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('planned'), runId: z.string(), checks: z.array(CheckPlanItemSchema) }),
  z.object({ phase: z.literal('started'), runId: z.string(), id: z.string() }),
  z.object({ phase: z.literal('finished'), runId: z.string(), result: CheckResultSchema }),
  z.object({ phase: z.literal('done'), runId: z.string(), counts: z.record(CheckVerdictSchema, z.number()) }),
]);
export type CheckProgress = z.infer<typeof CheckProgressSchema>;

/** Runs kept per broker in the data folder, newest first; older ones go. */
export const CHECK_HISTORY_PER_BROKER = 20;

export interface CheckHistory {
  /** Newest first: one broker's runs, or every broker's when none was named. */
  runs: CheckReport[];
  /** Every broker URL with kept runs, for comparing two brokers. */
  brokers: string[];
  /** Set once when the history file could not be read and was set aside. */
  notice?: EngineText;
}

export const checkRequests = {
  /**
   * Runs the suite (or some groups) against a broker, on helper connections of its own, and
   * resolves with the whole report (within about 90 s against a local broker). Progress
   * arrives as `check.progress` events meanwhile. Runs only when asked: never by itself.
   */
  'check.run': request<CheckReport>()(CheckRunInputSchema),
  /** Stops a run early: running checks end as "could not run", nothing more is sent. */
  'check.cancel': request<{ cancelled: boolean }>()(z.object({ runId: z.string().max(64) }).strict()),
  /** Finished runs kept in the data folder (a run that reached no broker is not kept). */
  'check.history': request<CheckHistory>()(z.object({ brokerUrl: z.string().max(2048).optional() }).strict()),
} as const;

export const checkEvents = {
  'check.progress': CheckProgressSchema,
} as const;
