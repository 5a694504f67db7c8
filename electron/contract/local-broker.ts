/**
 * The built-in local broker: a sandbox MQTT broker MQScope starts and stops itself, for a
 * new user without a broker and for pointing a device or front end at "something local".
 */
import { z } from 'zod';
import { EmptyInput, ProblemSchema, QosSchema, TopicNameSchema, request } from './common';

export const LOCAL_BROKER_DEFAULT_TCP_PORT = 1883;
export const LOCAL_BROKER_DEFAULT_WS_PORT = 8083;
export const LOCAL_BROKER_DEFAULT_WS_PATH = '/mqtt';
/** The retained list answers with at most this many entries, and says how many there are. */
export const LOCAL_BROKER_RETAINED_LIMIT = 1000;
/** Bytes of each retained payload the list carries; the full size is given alongside. */
export const LOCAL_BROKER_PAYLOAD_PREVIEW_BYTES = 256;

/** Which broker runs: MQScope's own (aedes), or the machine's Mosquitto where it is installed. */
export const LocalBrokerEngineSchema = z.enum(['built-in', 'mosquitto']);
export type LocalBrokerEngine = z.infer<typeof LocalBrokerEngineSchema>;

const PortSchema = z.number().int().min(1, 'input.rule.portRange').max(65535, 'input.rule.portRange');

export const LocalBrokerOptionsSchema = z
  .object({
    tcpPort: PortSchema.default(LOCAL_BROKER_DEFAULT_TCP_PORT),
    wsPort: PortSchema.default(LOCAL_BROKER_DEFAULT_WS_PORT),
    wsPath: z.string().startsWith('/', 'input.rule.wsPath').max(1024).default(LOCAL_BROKER_DEFAULT_WS_PATH),
    /** Listen on every interface instead of 127.0.0.1: only on the user's explicit request. */
    bindAllInterfaces: z.boolean().default(false),
    /** When set, clients must present this user name and password. */
    username: z.string().min(1).max(65535).optional(),
    password: z.string().max(65535).optional(),
    /** The built-in broker unless asked; the panel offers Mosquitto first when it is installed. */
    engine: LocalBrokerEngineSchema.default('built-in'),
  })
  .strict()
  .refine((o) => o.tcpPort !== o.wsPort, {
    message: 'input.rule.twoPorts',
    path: ['wsPort'],
  })
  .refine((o) => o.password === undefined || o.username !== undefined, {
    message: 'input.rule.passwordNeedsUser',
    path: ['username'],
  });
export type LocalBrokerOptions = z.input<typeof LocalBrokerOptionsSchema>;
export type ParsedLocalBrokerOptions = z.output<typeof LocalBrokerOptionsSchema>;

export const LocalBrokerStateSchema = z.enum(['stopped', 'starting', 'running', 'stopping', 'failed']);
export type LocalBrokerState = z.infer<typeof LocalBrokerStateSchema>;

export const LocalBrokerListenersSchema = z.object({
  /** The address the listeners are bound to: 127.0.0.1, or 0.0.0.0 when asked. */
  bindAddress: z.string(),
  tcpPort: z.number(),
  wsPort: z.number(),
  wsPath: z.string(),
});
export type LocalBrokerListeners = z.infer<typeof LocalBrokerListenersSchema>;

/** Traffic since the broker started, pushed at most twice a second, never per message. */
export const LocalBrokerActivitySchema = z.object({
  /** PUBLISH packets received from clients. */
  messagesIn: z.number(),
  /** PUBLISH packets delivered to subscribers. */
  messagesOut: z.number(),
  /** Bytes on the wire (TCP and WebSocket listeners together). */
  bytesIn: z.number(),
  bytesOut: z.number(),
  clientCount: z.number(),
  /** Changes whenever a client connects or disconnects: refetch the client list then. */
  clientsRevision: z.number(),
  /** Changes whenever a retained message is stored or cleared: refetch the retained list then. */
  retainedRevision: z.number(),
});
export type LocalBrokerActivity = z.infer<typeof LocalBrokerActivitySchema>;

export const LocalBrokerStatusSchema = z.object({
  state: LocalBrokerStateSchema,
  /** Set while running (and while starting or stopping). */
  listeners: LocalBrokerListenersSchema.optional(),
  /** True when clients must present the configured user name and password. */
  authRequired: z.boolean(),
  /** Set when the user name is configured, so the UI can connect with it. */
  username: z.string().optional(),
  /** Why starting failed: one sentence plus a code, e.g. EADDRINUSE. */
  problem: ProblemSchema.optional(),
  /** After a port conflict: free ports to try instead. */
  suggestedPorts: z.object({ tcpPort: z.number(), wsPort: z.number() }).optional(),
  /** The MQTT versions the broker speaks. */
  protocolVersions: z.array(z.string()),
  /** Epoch milliseconds of the last transition. */
  since: z.number(),
  /** Which broker runs (set while starting, running or stopping). */
  engine: LocalBrokerEngineSchema.optional(),
  /** True when Mosquitto is installed on this machine and can run as the local broker. */
  mosquittoAvailable: z.boolean().optional(),
  /** The counters at the time of a localBroker.status request (pushes carry them apart). */
  activity: LocalBrokerActivitySchema.optional(),
});
export type LocalBrokerStatus = z.infer<typeof LocalBrokerStatusSchema>;

export const LocalBrokerClientSchema = z.object({
  clientId: z.string(),
  /** Remote address and port as the broker sees them. */
  address: z.string(),
  transport: z.enum(['tcp', 'ws']),
  protocolVersion: z.number(),
  keepaliveSeconds: z.number(),
  willTopic: z.string().optional(),
  connectedAt: z.number(),
});
export type LocalBrokerClient = z.infer<typeof LocalBrokerClientSchema>;

export const LocalBrokerRetainedSchema = z.object({
  topic: z.string(),
  qos: QosSchema,
  /** Full payload size in bytes. */
  size: z.number(),
  /** The first LOCAL_BROKER_PAYLOAD_PREVIEW_BYTES bytes. */
  preview: z.instanceof(Uint8Array),
});
export type LocalBrokerRetained = z.infer<typeof LocalBrokerRetainedSchema>;

export interface LocalBrokerRetainedList {
  /** Sorted by topic; at most LOCAL_BROKER_RETAINED_LIMIT entries. */
  messages: LocalBrokerRetained[];
  /** How many retained messages the broker holds in all. */
  total: number;
}

export const localBrokerRequests = {
  /** Starts the broker; a port conflict answers with state "failed" and free ports to use instead. */
  'localBroker.start': request<LocalBrokerStatus>()(LocalBrokerOptionsSchema),
  /** Stops the broker, disconnecting its clients with reason "server shutting down". */
  'localBroker.stop': request<LocalBrokerStatus>()(EmptyInput),
  'localBroker.status': request<LocalBrokerStatus>()(EmptyInput),
  'localBroker.clients': request<LocalBrokerClient[]>()(EmptyInput),
  'localBroker.retained': request<LocalBrokerRetainedList>()(EmptyInput),
  /** Mosquitto's log while it runs as the local broker (the last 500 lines); empty otherwise. */
  'localBroker.log': request<{ lines: string[] }>()(EmptyInput),
  /** Clears a retained message the way a client would: an empty retained PUBLISH. */
  'localBroker.deleteRetained': request<{ topic: string }>()(z.object({ topic: TopicNameSchema }).strict()),
} as const;

export const localBrokerEvents = {
  'localBroker.status': LocalBrokerStatusSchema,
  'localBroker.activity': LocalBrokerActivitySchema,
} as const;
