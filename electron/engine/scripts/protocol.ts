/**
 * What the engine and its script worker say to each other (structured clone over a
 * MessagePort). Script values never ride on these as objects: a message is sent as the
 * plain fields below, and what a script asks for comes back as JSON text the engine parses
 * and validates itself.
 */
import type { ScriptError } from '../../contract';
import type { SandboxLimits } from './sandbox';

/** A message as a script sees it, before the prelude wraps it (bytes as base64). */
export interface WireMessage {
  topic: string;
  /** The payload as UTF-8 text (invalid sequences replaced). */
  payload: string;
  bytes: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  properties?: {
    responseTopic?: string;
    correlationData?: string;
    userProperties?: { key: string; value: string }[];
    contentType?: string;
  };
}

/** One message for the handlers (by index) whose filters it matched. */
export interface Delivery {
  handlers: number[];
  message: WireMessage;
}

/** Operations a script asks for; `timer` and `cancel` stay inside the worker. */
export type ScriptOp = 'publish' | 'subscribe' | 'log' | 'on';

export type CallOutcome = { ok: true; json: string } | { ok: false; error: ScriptError };

export type ToWorker =
  | { t: 'load'; run: string; source: string; env: Record<string, string>; limits?: Partial<SandboxLimits> }
  | { t: 'deliver'; run: string; items: Delivery[] }
  | { t: 'unload'; run: string }
  | { t: 'transform'; req: number; source: string; messages: (WireMessage | null)[]; budgetMs: number };

export type FromWorker =
  | { t: 'loaded'; run: string; error?: ScriptError }
  | { t: 'op'; run: string; op: ScriptOp; json: string }
  | { t: 'error'; run: string; error: ScriptError }
  | { t: 'transformed'; req: number; results: CallOutcome[] };
