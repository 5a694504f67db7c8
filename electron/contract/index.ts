/**
 * The contract between the engine's hosts (Electron main, web host) and the renderer:
 * every request (name, input schema, result type) and every event the engine pushes.
 * Channel and event names are written here and nowhere else. Hosts validate every input
 * with these schemas; the renderer imports this module for names and types.
 */
import { z } from 'zod';
import { topicFilterProblem, topicNameProblem } from './topics';

export { topicFilterProblem, topicNameProblem } from './topics';

/** Every IPC channel starts with this; main refuses anything else. */
export const CHANNEL_PREFIX = 'mqscope:';

// ---------------------------------------------------------------------------------------
// Shared schemas

export const QosSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type Qos = z.infer<typeof QosSchema>;

export const ConnectionIdSchema = z.string().min(1).max(64);

const TopicNameSchema = z.string().superRefine((topic, ctx) => {
  const problem = topicNameProblem(topic);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const TopicFilterSchema = z.string().superRefine((filter, ctx) => {
  const problem = topicFilterProblem(filter);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Transports of the skeleton; TLS (mqtts, wss) arrives with the connection-engine work. */
export const TransportSchema = z.enum(['mqtt', 'ws']);
export type Transport = z.infer<typeof TransportSchema>;

export const ConnectOptionsSchema = z.object({
  transport: TransportSchema,
  host: z
    .string()
    .trim()
    .min(1, 'Enter a host name or address.')
    .max(253)
    .regex(/^[^\s/:?#]+$|^\[[0-9a-fA-F:.]+\]$/, 'A host is a name or address, without scheme, port or path.'),
  port: z.number().int().min(1, 'Ports run from 1 to 65535.').max(65535, 'Ports run from 1 to 65535.'),
  /** WebSocket path; ignored for mqtt://. */
  path: z.string().startsWith('/', 'A WebSocket path starts with "/".').max(1024).default('/mqtt'),
  /** Empty means: generate one with a readable prefix. */
  clientId: z.string().max(256).default(''),
  username: z.string().max(65535).optional(),
  password: z.string().max(65535).optional(),
  keepaliveSeconds: z.number().int().min(0).max(65535).default(60),
  connectTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});
export type ConnectOptions = z.input<typeof ConnectOptionsSchema>;
export type ParsedConnectOptions = z.output<typeof ConnectOptionsSchema>;

export const ConnectionStateSchema = z.enum([
  'idle',
  'connecting',
  'connected',
  'reconnecting',
  'disconnected',
  'failed',
]);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

/** A failure as the user reads it: one sentence plus the underlying code. */
export const ProblemSchema = z.object({ code: z.string(), message: z.string() });
export type Problem = z.infer<typeof ProblemSchema>;

export const ConnectionStatusSchema = z.object({
  connectionId: ConnectionIdSchema,
  state: ConnectionStateSchema,
  /** Why the state changed, in words ("connected", "closed by you", ...). */
  reason: z.string(),
  problem: ProblemSchema.optional(),
  url: z.string(),
  clientId: z.string(),
  /** Epoch milliseconds of the transition. */
  since: z.number(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

export const ReceivedMessageSchema = z.object({
  topic: z.string(),
  /** Raw bytes, copied off the socket: any message can be re-decoded later. */
  payload: z.instanceof(Uint8Array),
  qos: QosSchema,
  retain: z.boolean(),
  /** Epoch milliseconds at which the engine received it. */
  receivedAt: z.number(),
});
export type ReceivedMessage = z.infer<typeof ReceivedMessageSchema>;

// ---------------------------------------------------------------------------------------
// Requests

/** A request: its input schema, and its result type carried as a phantom. */
interface RequestDef<I extends z.ZodType, R> {
  readonly input: I;
  readonly result?: R;
}
function request<R>() {
  return <I extends z.ZodType>(input: I): RequestDef<I, R> => ({ input });
}

const Empty = z.object({}).strict();
const OnConnection = z.object({ connectionId: ConnectionIdSchema }).strict();

export interface AppInfo {
  host: 'electron' | 'web';
  version: string;
}

export interface SubscribeResult {
  filter: string;
  /** QoS the broker granted, or null when it refused the subscription. */
  grantedQos: Qos | null;
  reasonCode: number;
}

export interface PublishResult {
  /** Packet identifier for QoS 1 and 2, absent for QoS 0. */
  messageId?: number;
}

export const requests = {
  'app.info': request<AppInfo>()(Empty),
  /** Opens a new connection; resolves once it is connected or has failed (never throws for a broker's "no"). */
  'connection.open': request<ConnectionStatus>()(ConnectOptionsSchema.strict()),
  'connection.close': request<ConnectionStatus>()(OnConnection),
  'connection.list': request<ConnectionStatus[]>()(Empty),
  'subscription.add': request<SubscribeResult>()(
    OnConnection.extend({ filter: TopicFilterSchema, qos: QosSchema.default(0) }).strict(),
  ),
  'subscription.remove': request<{ filter: string }>()(
    OnConnection.extend({ filter: TopicFilterSchema }).strict(),
  ),
  'message.publish': request<PublishResult>()(
    OnConnection.extend({
      topic: TopicNameSchema,
      payload: z.string(),
      qos: QosSchema.default(0),
      retain: z.boolean().default(false),
    }).strict(),
  ),
} as const;

export type RequestName = keyof typeof requests;
/** What a caller sends (defaults may be left out). */
export type RequestInput<N extends RequestName> = z.input<(typeof requests)[N]['input']>;
/** What a handler receives, after validation and defaults. */
export type ParsedRequestInput<N extends RequestName> = z.output<(typeof requests)[N]['input']>;
export type RequestResult<N extends RequestName> =
  (typeof requests)[N] extends RequestDef<z.ZodType, infer R> ? R : never;

export const requestNames = Object.keys(requests) as RequestName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

/** The engine side: one async function per request. */
export type RequestHandlers = {
  [N in RequestName]: (input: ParsedRequestInput<N>) => Promise<RequestResult<N>>;
};

// ---------------------------------------------------------------------------------------
// Events pushed by the engine

export const events = {
  'connection.status': ConnectionStatusSchema,
  /** Messages in batches (at most about 20 a second per connection), never one event each. */
  'messages.batch': z.object({
    connectionId: ConnectionIdSchema,
    messages: z.array(ReceivedMessageSchema),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.infer<(typeof events)[N]>;
export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** One pushed event, as a discriminated union. */
export type EngineEvent = { [N in EventName]: { name: N; payload: EventPayload<N> } }[EventName];

// ---------------------------------------------------------------------------------------
// Results on the wire

export const ErrorCodeSchema = z.enum([
  'invalid-input',
  'unknown-request',
  'forbidden',
  'not-found',
  'not-connected',
  'mqtt-error',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export interface RequestError {
  code: ErrorCode;
  message: string;
  /** For invalid input: which field, and what is wrong with it. */
  issues?: { path: string; message: string }[];
}

/** Every answer crosses the boundary as an envelope, so errors keep their shape. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: RequestError };

/** What a transport gives the renderer: contract calls and event subscriptions only. */
export interface MqscopeBridge {
  invoke<N extends RequestName>(name: N, input: RequestInput<N>): Promise<Envelope<RequestResult<N>>>;
  /** Returns a disposer that removes the listener. */
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
}

export function requestChannel(name: RequestName): string {
  return `${CHANNEL_PREFIX}request:${name}`;
}

export function eventChannel(name: EventName): string {
  return `${CHANNEL_PREFIX}event:${name}`;
}
