/**
 * User scripts, saved with their profile and run in a QuickJS sandbox inside the engine's
 * script worker (electron/engine/scripts/). Three kinds:
 * - `transform`: `transform((message) => value)`, applied on demand to kept messages (never
 *   on ingest); its values are shown as a decoded view and can be charted.
 * - `responder`: `on(filter, (message) => publish(...))`, switched on per connection; it
 *   answers through that connection, within a rate limit.
 * - `device`: a simulated device with its OWN MQTT client (the chosen profile's broker, will
 *   and keepalive): `every`, `after`, `publish`, `subscribe`, state kept across calls.
 * Values cross the sandbox boundary only as JSON the engine marshals itself.
 */
import { z } from 'zod';
import { ConnectionIdSchema, TopicFilterSchema, request } from './common';
import { EngineTextSchema } from './engine-text';
import { ProfileIdSchema } from './profiles';

export const ScriptKindSchema = z.enum(['transform', 'responder', 'device']);
export type ScriptKind = z.infer<typeof ScriptKindSchema>;

export const ScriptIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'input.rule.scriptId');

/** Source text is bounded: a script is typed by a person, not a bundle. */
export const SCRIPT_SOURCE_MAX = 256 * 1024;
export const RESPONDER_RATE_DEFAULT = 100;
export const RESPONDER_RATE_MAX = 10_000;

export const TransformOptionsSchema = z
  .object({
    kind: z.literal('transform'),
    /** The topics the transform is offered for (an MQTT filter); `#` for any. */
    topicPattern: TopicFilterSchema.default('#'),
  })
  .strict();

export const ResponderOptionsSchema = z
  .object({
    kind: z.literal('responder'),
    /** Messages handled per second at most; the rest are counted as rate-limited, not handled. */
    ratePerSecond: z.number().int().min(1).max(RESPONDER_RATE_MAX).default(RESPONDER_RATE_DEFAULT),
  })
  .strict();

export const DeviceOptionsSchema = z
  .object({
    kind: z.literal('device'),
    /** The profile whose broker, credentials, TLS, will and keepalive the device connects with. */
    profileId: ProfileIdSchema,
    /** The device's own client id; the engine makes one when empty. */
    clientId: z.string().max(65535).default(''),
  })
  .strict();

export const ScriptOptionsSchema = z.discriminatedUnion('kind', [
  TransformOptionsSchema,
  ResponderOptionsSchema,
  DeviceOptionsSchema,
]);
export type ScriptOptions = z.output<typeof ScriptOptionsSchema>;

export const ScriptSchema = z
  .object({
    id: ScriptIdSchema,
    name: z.string().trim().min(1, 'input.rule.scriptName').max(200),
    source: z.string().max(SCRIPT_SOURCE_MAX),
    /** Kind and its options (the kind is `options.kind`). */
    options: ScriptOptionsSchema,
    updatedAt: z.number(),
  })
  .strict();
export type Script = z.output<typeof ScriptSchema>;

/** What the editor saves: without an id it is a new script; the engine stamps `updatedAt`. */
export const ScriptDraftSchema = ScriptSchema.omit({ id: true, updatedAt: true })
  .extend({ id: ScriptIdSchema.optional() })
  .strict();
export type ScriptDraft = z.input<typeof ScriptDraftSchema>;

/** Which limit stopped a call, when one did: the renderer words each one. */
export const ScriptLimitSchema = z.enum(['time', 'memory', 'stack']);
export type ScriptLimit = z.infer<typeof ScriptLimitSchema>;

/** A script's error: QuickJS's own message, and the line in the script's source when known. */
export const ScriptErrorSchema = z.object({
  /** The script's own error as QuickJS words it ("TypeError: …"), or the English of `text`. */
  message: z.string(),
  /** The engine's sentence, when the error is the engine's (a limit, a refused call): the renderer words it. */
  text: EngineTextSchema.optional(),
  line: z.number().int().min(1).optional(),
  limit: ScriptLimitSchema.optional(),
});
export type ScriptError = z.infer<typeof ScriptErrorSchema>;

/** A JSON value as the sandbox returned it (undefined is answered as null). */
export type ScriptJson = z.infer<ReturnType<typeof z.json>>;

export type TransformResult =
  { seq: number; ok: true; value: ScriptJson } | { seq: number; ok: false; error: ScriptError };

export const TransformInputSchema = z
  .object({
    connectionId: ConnectionIdSchema,
    /** Kept messages by sequence number (as `stream.poll` lists them). */
    seqs: z.array(z.number().int().min(1)).min(1).max(5000),
  })
  .and(
    z.union([
      /** A saved transform of a profile. */
      z.object({ profileId: ProfileIdSchema, scriptId: ScriptIdSchema }).strict(),
      /** An unsaved source ("try it"). */
      z.object({ source: z.string().max(SCRIPT_SOURCE_MAX) }).strict(),
    ]),
  );

export const ConsoleLevelSchema = z.enum(['log', 'warn', 'error']);
export const ConsoleLineSchema = z.object({
  /** Increases per script: a poll asks for lines after the last one it has. */
  n: z.number().int(),
  at: z.number(),
  level: ConsoleLevelSchema,
  text: z.string(),
  /** The engine's sentence behind `text` (an error it raised), worded by the renderer. */
  said: EngineTextSchema.optional(),
  line: z.number().int().min(1).optional(),
});
export type ConsoleLine = z.infer<typeof ConsoleLineSchema>;
/** Lines kept per script (a ring: the oldest go first). */
export const CONSOLE_RING = 500;

/** A running responder (per connection) or device. */
export const ScriptRunSchema = z.object({
  scriptId: ScriptIdSchema,
  kind: z.enum(['responder', 'device']),
  /** The connection a responder answers on; a device's own client has none. */
  connectionId: ConnectionIdSchema.optional(),
  running: z.boolean(),
  /** Responder: messages handled. */
  handled: z.number().int(),
  /** Responder: messages skipped by the rate limit. */
  rateLimited: z.number().int(),
  /** Device: connected to its broker. */
  connected: z.boolean(),
  /** Messages published by the script. */
  published: z.number().int(),
  lastError: ScriptErrorSchema.optional(),
  /** Why it stopped (by you, connection closed, broker refused…), when it did. */
  stopped: EngineTextSchema.optional(),
});
export type ScriptRun = z.infer<typeof ScriptRunSchema>;

const InProfile = z.object({ profileId: ProfileIdSchema }).strict();
const OneScript = InProfile.extend({ scriptId: ScriptIdSchema }).strict();

export const scriptRequests = {
  'scripts.list': request<Script[]>()(InProfile),
  /** Saves (or replaces, by id) one script; answers the profile's scripts. */
  'scripts.save': request<Script[]>()(InProfile.extend({ script: ScriptDraftSchema }).strict()),
  /** Deletes a script (stopping its runs first); answers the profile's scripts. */
  'scripts.delete': request<Script[]>()(OneScript),
  /** One value or error per asked message, in the order asked. */
  'scripts.transform': request<TransformResult[]>()(TransformInputSchema),
  'scripts.responder.start': request<ScriptRun>()(
    OneScript.extend({ connectionId: ConnectionIdSchema }).strict(),
  ),
  'scripts.responder.stop': request<ScriptRun>()(
    z.object({ scriptId: ScriptIdSchema, connectionId: ConnectionIdSchema }).strict(),
  ),
  'scripts.device.start': request<ScriptRun>()(OneScript),
  /** `abrupt`: the socket is dropped without DISCONNECT, so the broker sends the device's will. */
  'scripts.device.stop': request<ScriptRun>()(
    z.object({ scriptId: ScriptIdSchema, abrupt: z.boolean().default(false) }).strict(),
  ),
  /** Every run the engine holds (running or stopped, until the script is started again). */
  'scripts.runs': request<ScriptRun[]>()(z.object({}).strict()),
  /** A script's console lines after `after` (all kept lines when absent). */
  'scripts.console': request<ConsoleLine[]>()(
    z.object({ scriptId: ScriptIdSchema, after: z.number().int().min(0).optional() }).strict(),
  ),
  'scripts.clearConsole': request<{ removed: number }>()(z.object({ scriptId: ScriptIdSchema }).strict()),
} as const;

export const ScriptConsoleEventSchema = z.object({
  scriptId: ScriptIdSchema,
  lines: z.array(ConsoleLineSchema),
});

export const scriptEvents = {
  /** New console lines, batched (a few per second at most per script). */
  'scripts.console': ScriptConsoleEventSchema,
  /** A run changed: started, stopped, connected, or its counters moved (batched likewise). */
  'scripts.run': ScriptRunSchema,
} as const;
