/**
 * The contract between the engine's hosts (Electron main, web host) and the renderer:
 * every request (name, input schema, result type) and every event the engine pushes.
 * Channel and event names are written here (and in the domain files beside it) and
 * nowhere else. Hosts validate every input with these schemas; the renderer imports this
 * module for names and types. Add a domain as a file exporting `xRequests`/`xEvents`,
 * then spread them into `requests`/`events` below.
 */
import { z } from 'zod';
import type { RequestDef } from './common';
import type { EngineText } from './engine-text';
import { chartRequests } from './charts';
import { checkEvents, checkRequests } from './check';
import { connectionEvents, connectionRequests } from './connection';
import { desktopEvents, desktopRequests } from './desktop';
import { historyRequests } from './history';
import { labRequests } from './lab';
import { localBrokerEvents, localBrokerRequests } from './local-broker';
import { messageEvents, messageRequests } from './messages';
import { packetEvents, packetRequests } from './packets';
import { payloadFormatRequests } from './payload-formats';
import { presetRequests } from './presets';
import { profileEvents, profileRequests } from './profiles';
import { publishRequests } from './publish';
import { recordEvents, recordRequests } from './record';
import { repeatEvents, repeatRequests } from './publish-repeat';
import { settingsRequests } from './settings';
import { subscriptionEvents, subscriptionRequests } from './subscriptions';
import { scriptEvents, scriptRequests } from './scripts';
import { searchRequests } from './search';
import { seriesRequests } from './series';
import { sparkplugRequests } from './sparkplug';

export * from './charts';
export * from './check';
export * from './common';
export * from './connection';
export * from './desktop';
export * from './engine-text';
export * from './history';
export * from './lab';
export * from './local-broker';
export * from './messages';
export * from './payload-formats';
export * from './packets';
export * from './profiles';
export * from './payload';
export * from './properties';
export * from './presets';
export * from './publish';
export * from './publish-repeat';
export * from './record';
export * from './settings';
export * from './subscriptions';
export * from './scripts';
export * from './search';
export * from './series';
export * from './sparkplug';
export * from './templates';
export { topicFilterProblem, topicNameProblem } from './topics';
export * from './topic-match';

/** Every IPC channel starts with this; main refuses anything else. */
export const CHANNEL_PREFIX = 'mqscope:';

export const requests = {
  ...connectionRequests,
  ...messageRequests,
  ...subscriptionRequests,
  ...publishRequests,
  ...repeatRequests,
  ...presetRequests,
  ...payloadFormatRequests,
  ...packetRequests,
  ...labRequests,
  ...profileRequests,
  ...localBrokerRequests,
  ...checkRequests,
  ...historyRequests,
  ...recordRequests,
  ...searchRequests,
  ...seriesRequests,
  ...chartRequests,
  ...sparkplugRequests,
  ...settingsRequests,
  ...scriptRequests,
  ...desktopRequests,
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

export const events = {
  ...connectionEvents,
  ...messageEvents,
  ...subscriptionEvents,
  ...packetEvents,
  ...repeatEvents,
  ...profileEvents,
  ...localBrokerEvents,
  ...checkEvents,
  ...recordEvents,
  ...desktopEvents,
  ...scriptEvents,
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
  /** This host cannot do it (a native dialog asked of the web host). */
  'unsupported',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export interface RequestError {
  code: ErrorCode;
  /** English, for logs and hosts without a renderer; the renderer prefers `text`. */
  message: string;
  /** The same sentence as an engine key, when the engine worded it (see engine-text.ts). */
  text?: EngineText;
  /** For invalid input: which field, and what is wrong with it. */
  issues?: { path: string; message: string; text?: EngineText }[];
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
