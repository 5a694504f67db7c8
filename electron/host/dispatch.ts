import type { Envelope, RequestError, RequestHandlers } from '../contract';
import { isRequestName, requests } from '../contract';
import { EngineError, nestText } from '../engine/errors';
import { english } from '../engine/text/english';
import { text } from '../engine/text/keys';
import { issueText } from '../engine/text/issue-text';

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
  // mqtt.js rejections (a refused SUBSCRIBE, a failed PUBLISH) carry a reason: its words are
  // a detail of the sentence, not the sentence.
  const detail = errorMessage(error);
  return { code: 'mqtt-error', message: detail, text: text('input.mqttError', { detail }) };
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'symbol' ? (key.description ?? 'symbol') : `${key}`)).join('.');
}

async function answer(handlers: RequestHandlers, name: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!isRequestName(name)) {
    const said = text('input.unknownRequest', { name: describeValue(name) });
    return { ok: false, error: { code: 'unknown-request', message: english(said), text: said } };
  }
  // reportInput: the received kind is named from it; the input itself is never sent back.
  const parsed = requests[name].input.safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const said = issueText(issue);
      return { path: issuePath(issue.path), message: english(said), text: said };
    });
    const first = issues[0];
    const said = !first
      ? text('input.invalid')
      : first.path
        ? text('input.at', { path: first.path, ...nestText('why', first.text) })
        : first.text;
    return { ok: false, error: { code: 'invalid-input', message: english(said), text: said, issues } };
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
      const said = text('input.failed', { detail: errorMessage(error) });
      return { ok: false, error: { code: 'internal', message: english(said), text: said } };
    }
  };
}
