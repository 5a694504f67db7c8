/**
 * The MQScope script API: everything a script can use, and nothing else (no require, no
 * process, no fetch, no import, no eval). Scripts run in a QuickJS sandbox with a memory
 * limit (32 MB), a stack limit, and 100 ms per call (loading the script, each handler, each
 * timer tick). Loaded into the editor as the script's global types.
 */

/** A received MQTT message, as a script sees it. */
interface ScriptMessage {
  readonly topic: string;
  /** The payload as UTF-8 text (invalid sequences replaced). */
  readonly payload: string;
  /** The payload's raw bytes. */
  readonly bytes: Uint8Array;
  /** The payload parsed as JSON, or undefined when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read freely, as JSON.parse's own type is
  readonly json: any;
  readonly qos: 0 | 1 | 2;
  readonly retain: boolean;
  /** MQTT 5 properties (empty on MQTT 3.1.1). */
  readonly properties: {
    readonly responseTopic?: string;
    readonly correlationData?: Uint8Array;
    readonly userProperties?: ReadonlyArray<{ key: string; value: string }>;
    readonly contentType?: string;
  };
}

interface PublishOptions {
  qos?: 0 | 1 | 2;
  retain?: boolean;
  /** MQTT 5 only (ignored by a device on MQTT 3.1.1). A string correlation is sent as UTF-8. */
  properties?: {
    responseTopic?: string;
    correlationData?: Uint8Array | string;
    contentType?: string;
    messageExpiryInterval?: number;
    payloadFormatIndicator?: boolean;
    userProperties?: Array<{ key: string; value: string }>;
  };
}

/** Transform scripts: the function that turns a message into a value (shown, and chartable). */
declare function transform(fn: (message: ScriptMessage) => unknown): void;

/**
 * Responders and devices: call `fn` for each incoming message whose topic matches the MQTT
 * filter. A responder hears its connection's subscriptions; a device, its own `subscribe`s.
 */
declare function on(filter: string, fn: (message: ScriptMessage) => void): void;

/** Publishes. A string is sent as UTF-8, a Uint8Array as bytes, anything else as JSON. */
declare function publish(
  topic: string,
  payload: string | Uint8Array | unknown,
  options?: PublishOptions,
): void;

/** Devices: subscribes the device's own client. */
declare function subscribe(filter: string, qos?: 0 | 1 | 2): void;

/** Calls `fn` every `ms` milliseconds (at least 10); answers an id for `cancel`. */
declare function every(ms: number, fn: () => void): number;
/** Calls `fn` once, after `ms` milliseconds; answers an id for `cancel`. */
declare function after(ms: number, fn: () => void): number;
declare function cancel(id: number): void;

/** random() in [0, 1); random(max) in [0, max); random(min, max) in [min, max). */
declare function random(min?: number, max?: number): number;
/** Milliseconds since the epoch. */
declare function now(): number;

/** Lines in the script's console (values other than strings are shown as JSON). */
declare function log(...values: unknown[]): void;
declare function warn(...values: unknown[]): void;
declare function error(...values: unknown[]): void;
declare const console: {
  log(...values: unknown[]): void;
  info(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
};

declare function toBase64(bytes: Uint8Array): string;
declare function fromBase64(text: string): Uint8Array;

/** Kept across calls for as long as the script runs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the script's own data, of its own shapes
declare const state: Record<string, any>;

/**
 * Facts about where the script runs: a device's `clientId` and `profileId`, a responder's
 * `connectionId`.
 */
declare const env: Readonly<{ clientId?: string; profileId?: string; connectionId?: string }>;
