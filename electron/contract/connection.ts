/** Connections: every option, the truthful state, and the requests that open, close and list them. */
import { z } from 'zod';
import {
  ConnectionIdSchema,
  EmptyInput,
  OnConnection,
  ProblemSchema,
  QosSchema,
  TopicNameSchema,
  request,
} from './common';
import { EngineTextSchema } from './engine-text';
import { PayloadInputSchema } from './payload';
import { UserPropertiesSchema } from './properties';

export const TransportSchema = z.enum(['mqtt', 'mqtts', 'ws', 'wss']);
export type Transport = z.infer<typeof TransportSchema>;

export const ProtocolVersionSchema = z.enum(['3.1', '3.1.1', '5.0']);
export type ProtocolVersion = z.infer<typeof ProtocolVersionSchema>;

const UINT32_MAX = 0xffff_ffff;
const seconds32 = z.number().int().min(0).max(UINT32_MAX);

/** PEM text pasted in the form, or a file the host reads when connecting. */
export const PemSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pem'), pem: z.string().min(1).max(1_000_000) }).strict(),
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }).strict(),
]);
export type PemSource = z.infer<typeof PemSourceSchema>;

export const TlsOptionsSchema = z
  .object({
    /** Trust these CAs instead of the system's. */
    ca: PemSourceSchema.optional(),
    /** Client certificate and key, for brokers that require one. */
    cert: PemSourceSchema.optional(),
    key: PemSourceSchema.optional(),
    passphrase: z.string().max(4096).optional(),
    /** SNI server name, when it differs from the host. */
    servername: z.string().max(253).optional(),
    /** Protocol IDs are 1–255 bytes on the wire (RFC 7301 §3.1), not characters. */
    alpnProtocols: z
      .array(
        z
          .string()
          .min(1)
          .refine((id) => new TextEncoder().encode(id).length <= 255, {
            message: 'input.rule.alpnTooLong',
          }),
      )
      .max(16)
      .optional(),
    /** Off only on purpose: the UI warns for as long as it is off. */
    verifyServer: z.boolean().default(true),
  })
  .strict();
export type TlsOptions = z.input<typeof TlsOptionsSchema>;

export const WillPropertiesSchema = z
  .object({
    willDelayInterval: seconds32.optional(),
    messageExpiryInterval: seconds32.optional(),
    contentType: z.string().max(65535).optional(),
    responseTopic: TopicNameSchema.optional(),
    correlationData: z.instanceof(Uint8Array).optional(),
    payloadFormatIndicator: z.boolean().optional(),
    userProperties: UserPropertiesSchema.optional(),
  })
  .strict();

export const WillSchema = z
  .object({
    topic: TopicNameSchema,
    payload: PayloadInputSchema,
    qos: QosSchema.default(0),
    retain: z.boolean().default(false),
    /** MQTT 5 only; ignored for 3.1 and 3.1.1. */
    properties: WillPropertiesSchema.optional(),
  })
  .strict();
export type Will = z.input<typeof WillSchema>;

/**
 * The largest packet a connection accepts unless its profile sets Maximum Packet Size:
 * twice the message log's default per-message limit (16 MiB), so a payload the log keeps
 * whole still arrives, while a 200 MB PUBLISH is refused from its fixed header instead of
 * being buffered. MQTT 5 announces it in CONNECT (§3.1.2.11.4); under 3.1 and 3.1.1, which
 * cannot announce one, the engine enforces it alone while parsing.
 */
export const DEFAULT_MAX_PACKET_BYTES = 32 * 1024 * 1024;

/** MQTT 5 CONNECT properties (MQTT 5 §3.1.2.11). */
export const ConnectPropertiesSchema = z
  .object({
    receiveMaximum: z.number().int().min(1).max(65535).optional(),
    /** Also the largest packet the engine accepts (default DEFAULT_MAX_PACKET_BYTES); a bigger one closes the connection. */
    maximumPacketSize: z.number().int().min(1).max(268_435_460).optional(),
    topicAliasMaximum: z.number().int().min(0).max(65535).optional(),
    requestResponseInformation: z.boolean().optional(),
    requestProblemInformation: z.boolean().optional(),
    userProperties: UserPropertiesSchema.optional(),
  })
  .strict();

export const ReconnectSchema = z
  .object({
    /** 0 means never reconnect: a lost connection then says so and stays down. */
    maxAttempts: z.number().int().min(0).max(10_000).default(0),
    periodMs: z.number().int().min(100).max(3_600_000).default(3000),
  })
  .strict();

export const ConnectOptionsSchema = z
  .object({
    transport: TransportSchema,
    host: z
      .string()
      .trim()
      .min(1, 'input.rule.hostEmpty')
      .max(253)
      .regex(/^[^\s/:?#]+$|^\[[0-9a-fA-F:.]+\]$/, 'input.rule.hostShape'),
    port: z.number().int().min(1, 'input.rule.portRange').max(65535, 'input.rule.portRange'),
    /** WebSocket path; ignored for mqtt:// and mqtts://. */
    path: z.string().startsWith('/', 'input.rule.wsPath').max(1024).default('/mqtt'),
    /** Extra WebSocket handshake headers: something a main-process client can send and a browser cannot. */
    wsHeaders: z
      .array(
        z.object({
          key: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/),
          // What an HTTP header value may hold (Node's own check): no line breaks or other
          // control characters, which would otherwise fail only when the socket is made.
          value: z
            .string()
            .max(8192)
            .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'input.rule.wsHeaderValue'),
        }),
      )
      .max(64)
      .optional(),
    protocolVersion: ProtocolVersionSchema.default('5.0'),
    /** Empty means: generate one with a readable prefix. */
    clientId: z.string().max(256).default(''),
    username: z.string().max(65535).optional(),
    password: z.string().max(65535).optional(),
    tls: TlsOptionsSchema.optional(),
    /** Clean session (3.1.1) / clean start (5). */
    clean: z.boolean().default(true),
    /** MQTT 5: how long the broker keeps the session after the connection ends. */
    sessionExpirySeconds: seconds32.optional(),
    keepaliveSeconds: z.number().int().min(0).max(65535).default(60),
    connectTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    reconnect: ReconnectSchema.default({ maxAttempts: 0, periodMs: 3000 }),
    will: WillSchema.optional(),
    connectProperties: ConnectPropertiesSchema.optional(),
  })
  .strict();
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

/** What the broker said in CONNACK, with its limits (MQTT 5 properties where present). */
export const ConnackInfoSchema = z.object({
  sessionPresent: z.boolean(),
  reasonCode: z.number(),
  /** The reason code's name ("Not authorized"); the UI adds the number. */
  reasonText: EngineTextSchema,
  assignedClientId: z.string().optional(),
  serverKeepalive: z.number().optional(),
  sessionExpiryInterval: z.number().optional(),
  maximumQos: z.number().optional(),
  retainAvailable: z.boolean().optional(),
  wildcardSubscriptionAvailable: z.boolean().optional(),
  sharedSubscriptionAvailable: z.boolean().optional(),
  subscriptionIdentifiersAvailable: z.boolean().optional(),
  topicAliasMaximum: z.number().optional(),
  receiveMaximum: z.number().optional(),
  maximumPacketSize: z.number().optional(),
  responseInformation: z.string().optional(),
  serverReference: z.string().optional(),
  reasonString: z.string().optional(),
});
export type ConnackInfo = z.infer<typeof ConnackInfoSchema>;

export const ConnectionStatusSchema = z.object({
  connectionId: ConnectionIdSchema,
  state: ConnectionStateSchema,
  /** Why the state changed ("Connected.", "Disconnected by you.", ...), as an engine text. */
  reason: EngineTextSchema,
  problem: ProblemSchema.optional(),
  url: z.string(),
  clientId: z.string(),
  protocolVersion: ProtocolVersionSchema,
  /** The keepalive this client asked for; the broker may impose another (connack.serverKeepalive). */
  keepaliveSeconds: z.number().int(),
  /** The will topic, when the connection has a will. */
  willTopic: z.string().optional(),
  /** The saved profile it was opened from (profiles.connect), so any page finds its workspace. */
  profileId: z.string().optional(),
  /** Reconnect attempt number while reconnecting (1-based). */
  attempt: z.number().int().optional(),
  /** The last CONNACK of this connection. */
  connack: ConnackInfoSchema.optional(),
  /** TLS verification is off for this connection: the UI warns for as long as it lasts. */
  insecure: z.boolean(),
  /** Epoch milliseconds of the transition. */
  since: z.number(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

/** What `connection.remove` let go of. */
export interface ConnectionRemoved {
  connectionId: string;
  /** Bytes its message log held, now free (they no longer count against the memory budget). */
  freedBytes: number;
}

export interface AppInfo {
  host: 'electron' | 'web';
  version: string;
}

export const connectionRequests = {
  'app.info': request<AppInfo>()(EmptyInput),
  /** Opens a new connection; resolves once it is connected or has failed (never throws for a broker's "no"). */
  'connection.open': request<ConnectionStatus>()(ConnectOptionsSchema),
  'connection.close': request<ConnectionStatus>()(OnConnection),
  /**
   * Every connection the engine holds, live or over (a closed one stays listed, with its
   * messages, until it is removed): a page that loads adopts them (Trust #16).
   */
  'connection.list': request<ConnectionStatus[]>()(EmptyInput),
  /** Closes the connection if it is still open, then forgets it and frees its message log. */
  'connection.remove': request<ConnectionRemoved>()(OnConnection),
} as const;

export const connectionEvents = {
  'connection.status': ConnectionStatusSchema,
  /** A connection was removed (by any page): every page drops it from its list. */
  'connection.removed': z.object({ connectionId: ConnectionIdSchema }),
} as const;
