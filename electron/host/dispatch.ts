import type { Envelope, RequestError, RequestHandlers } from '../contract';
import { isRequestName, requests } from '../contract';
import { EngineError } from '../engine/errors';

export type Dispatch = (name: unknown, input: unknown) => Promise<Envelope<unknown>>;

/** Enough of a name or a message to recognise it in an error, never a megabyte of it. */
const MAX_QUOTED = 120;

function clip(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}

/**
 * Names a value for an error message without calling anything on it: `String(x)` runs
 * x's own toString/valueOf, which a decoded `{toString: 1}` turns into a TypeError.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${clip(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${clip(`${value}`)}`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function errorMessage(error: unknown): string {
  try {
    if (error instanceof Error && typeof error.message === 'string') return error.message;
  } catch {
    /* a getter on a hostile error: fall through */
  }
  return typeof error === 'string' ? error : `A request failed with ${describeValue(error)}.`;
}

function toRequestError(error: unknown): RequestError {
  if (error instanceof EngineError) {
    return { code: error.code, message: error.message, ...(error.text && { text: error.text }) };
  }
  // mqtt.js rejections (a refused SUBSCRIBE, a failed PUBLISH) carry a reason.
  return { code: 'mqtt-error', message: errorMessage(error) };
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'symbol' ? (key.description ?? 'symbol') : `${key}`)).join('.');
}

async function answer(handlers: RequestHandlers, name: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!isRequestName(name)) {
    return {
      ok: false,
      error: { code: 'unknown-request', message: `There is no request ${describeValue(name)}.` },
    };
  }
  const parsed = requests[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issuePath(issue.path),
      message: issue.message,
    }));
    const first = issues[0];
    const message = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Invalid input.';
    return { ok: false, error: { code: 'invalid-input', message, issues } };
  }
  try {
    // The schema for `name` produced `parsed.data`, so it fits the handler for `name`.
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toRequestError(error) };
  }
}

/**
 * The one gate both hosts put in front of the engine: unknown names and invalid inputs
 * are answered with a typed error. Total: whatever a renderer sends (a name whose
 * toString throws, a symbol, a megabyte string, a schema that throws), the promise
 * resolves with an envelope and never rejects.
 */
export function createDispatch(handlers: RequestHandlers): Dispatch {
  return async (name, input) => {
    try {
      return await answer(handlers, name, input);
    } catch (error) {
      console.error('MQScope: a request could not be answered normally', error);
      return {
        ok: false,
        error: { code: 'internal', message: `The request failed: ${errorMessage(error)}` },
      };
    }
  };
}
