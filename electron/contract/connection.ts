/** Connections: options, state, and the requests that open, close and list them. */
import { z } from 'zod';
import { ConnectionIdSchema, EmptyInput, OnConnection, ProblemSchema, request } from './common';

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

export const ConnectionStatusSchema = z.object({
  connectionId: ConnectionIdSchema,
  state: ConnectionStateSchema,
  /** Why the state changed, in words ("Connected.", "Disconnected by you.", ...). */
  reason: z.string(),
  problem: ProblemSchema.optional(),
  url: z.string(),
  clientId: z.string(),
  /** Epoch milliseconds of the transition. */
  since: z.number(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

export interface AppInfo {
  host: 'electron' | 'web';
  version: string;
}

export const connectionRequests = {
  'app.info': request<AppInfo>()(EmptyInput),
  /** Opens a new connection; resolves once it is connected or has failed (never throws for a broker's "no"). */
  'connection.open': request<ConnectionStatus>()(ConnectOptionsSchema.strict()),
  'connection.close': request<ConnectionStatus>()(OnConnection),
  'connection.list': request<ConnectionStatus[]>()(EmptyInput),
} as const;

export const connectionEvents = {
  'connection.status': ConnectionStatusSchema,
} as const;
