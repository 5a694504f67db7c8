import type { Envelope, RequestError, RequestHandlers } from '../contract';
import { isRequestName, requests } from '../contract';
import { EngineError } from '../engine/errors';

export type Dispatch = (name: unknown, input: unknown) => Promise<Envelope<unknown>>;

function toRequestError(error: unknown): RequestError {
  if (error instanceof EngineError) return { code: error.code, message: error.message };
  // mqtt.js rejections (a refused SUBSCRIBE, a failed PUBLISH) carry a reason.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'mqtt-error', message };
}

/**
 * The one gate both hosts put in front of the engine: unknown names and invalid inputs
 * are answered with a typed error; nothing a renderer sends can throw through.
 */
export function createDispatch(handlers: RequestHandlers): Dispatch {
  return async (name, input) => {
    if (!isRequestName(name)) {
      return {
        ok: false,
        error: { code: 'unknown-request', message: `There is no request "${String(name)}".` },
      };
    }
    const parsed = requests[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
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
  };
}
