import { decode } from '@msgpack/msgpack';
import { EngineTextSchema, ErrorCodeSchema, isEventName, type Envelope } from '../../electron/contract';
import { scanFrame } from '../../electron/contract/frame-scan';
import type { WireEvent } from '../../electron/contract/web-wire';

/** What the page makes of one frame from the host. */
export type ReadFrame =
  | { kind: 'response'; id: number; envelope: Envelope<unknown> }
  | { kind: 'event'; event: WireEvent }
  /** Nothing to act on; `id`, when the frame still showed one, is a request to fail. */
  | { kind: 'unreadable'; why: string; id?: number };

export const UNREADABLE_ANSWER = 'The MQScope host sent an answer this page could not read.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unreadable(): Envelope<never> {
  return { ok: false, error: { code: 'internal', message: UNREADABLE_ANSWER } };
}

/** An envelope as the UI expects it, or an `internal` error in its place: never a malformed one. */
function checkedEnvelope(value: unknown): Envelope<unknown> {
  if (!isRecord(value)) return unreadable();
  if (value.ok === true) return { ok: true, value: value.value };
  const error = value.error;
  if (value.ok !== false || !isRecord(error) || typeof error.message !== 'string') return unreadable();
  const code = ErrorCodeSchema.safeParse(error.code);
  if (!code.success) return unreadable();
  const issues = Array.isArray(error.issues)
    ? (error.issues as { path: string; message: string }[])
    : undefined;
  const text = EngineTextSchema.safeParse(error.text);
  return {
    ok: false,
    error: {
      code: code.data,
      message: error.message,
      ...(issues ? { issues } : {}),
      ...(text.success ? { text: text.data } : {}),
    },
  };
}

/**
 * Reads a frame from the host. A structural check, not a zod parse of every event: the
 * host validated what the engine produced. But a response is always tied back to its
 * request when its id can be found, even if the rest cannot be read, so no request waits forever.
 */
export function readServerFrame(bytes: Uint8Array): ReadFrame {
  let frame: unknown;
  try {
    frame = decode(bytes);
  } catch (error) {
    // The decoder refuses some things the encoder allows (a "__proto__" key): find the id anyway.
    const { id } = scanFrame(bytes, 1000);
    const why = `not readable MessagePack (${error instanceof Error ? error.message : 'unknown'})`;
    return id === undefined ? { kind: 'unreadable', why } : { kind: 'unreadable', why, id };
  }
  if (!isRecord(frame)) return { kind: 'unreadable', why: 'not a map' };
  if (frame.kind === 'response') {
    if (typeof frame.id !== 'number') return { kind: 'unreadable', why: 'a response without an id' };
    return { kind: 'response', id: frame.id, envelope: checkedEnvelope(frame.envelope) };
  }
  if (
    frame.kind === 'event' &&
    isEventName(frame.name) &&
    typeof frame.payload === 'object' &&
    frame.payload !== null
  ) {
    return { kind: 'event', event: frame as unknown as WireEvent };
  }
  return { kind: 'unreadable', why: 'a frame of unknown shape' };
}
