/**
 * One WebSocket frame in, at most one frame out. Every request frame whose id can be read
 * is answered with exactly one envelope, whatever else is wrong with it; a frame without a
 * readable id has nobody to answer and is dropped (and logged, once per socket).
 */
import { decode, encode } from '@msgpack/msgpack';
import type { Envelope } from '../contract';
import type { ServerFrame } from '../contract/web-wire';
import type { Dispatch } from '../host/dispatch';
import { scanFrame } from '../contract/frame-scan';

/**
 * No contract input comes near this (the deepest are a few levels); the encoder's own
 * default limit is the same, so whatever we accept we can also echo.
 */
export const MAX_FRAME_DEPTH = 100;

type Log = (message: string) => void;

function refused(message: string): Envelope<never> {
  return { ok: false, error: { code: 'invalid-input', message } };
}

/**
 * Encodes a frame; a value the encoder refuses (a function, a cycle, nesting past its
 * limit) becomes a typed `internal` error for the same id instead of a thrown error.
 */
export function encodeResponse(id: number, envelope: Envelope<unknown>, log: Log): Uint8Array {
  try {
    return encode({ kind: 'response', id, envelope } satisfies ServerFrame);
  } catch (error) {
    log(
      `MQScope: the answer to request ${id} could not be encoded: ${error instanceof Error ? error.message : 'unknown'}`,
    );
    const fallback: Envelope<never> = {
      ok: false,
      error: { code: 'internal', message: 'The host could not send this answer (it cannot be encoded).' },
    };
    return encode({ kind: 'response', id, envelope: fallback } satisfies ServerFrame);
  }
}

/** Events come from the engine; one that cannot be encoded is logged and skipped, not thrown into it. */
export function encodeEvent(frame: ServerFrame, log: Log): Uint8Array | null {
  try {
    return encode(frame);
  } catch (error) {
    log(`MQScope: an event could not be encoded: ${error instanceof Error ? error.message : 'unknown'}`);
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Handles the frames of one socket; never throws, never rejects. */
export function createFrameHandler(dispatch: Dispatch, log: Log) {
  let warned = false;
  const dropOnce = (why: string): null => {
    if (!warned)
      log(
        `MQScope: dropped a WebSocket frame with no request id to answer (${why}); further ones are dropped silently.`,
      );
    warned = true;
    return null;
  };

  return async function handleFrame(data: Buffer, isBinary: boolean): Promise<Uint8Array | null> {
    // The id to answer, as soon as one is known.
    let id: number | undefined;
    const answer = (envelope: Envelope<unknown>) => encodeResponse(id ?? Number.NaN, envelope, log);
    try {
      if (!isBinary) return dropOnce('a text frame; MQScope speaks binary MessagePack');
      const scan = scanFrame(data, MAX_FRAME_DEPTH);
      id = scan.id;
      if (!scan.depthOk) {
        if (scan.id === undefined) return dropOnce(`nested deeper than ${MAX_FRAME_DEPTH} levels`);
        return answer(refused(`The request is nested deeper than ${MAX_FRAME_DEPTH} levels.`));
      }
      let frame: unknown;
      try {
        frame = decode(data);
      } catch {
        if (scan.id === undefined) return dropOnce('not MessagePack');
        return answer(refused('The request frame is not valid MessagePack.'));
      }
      if (!isRecord(frame) || typeof frame.id !== 'number') return dropOnce('no numeric id');
      id = frame.id;
      if (frame.kind !== 'request')
        return answer(refused('The frame is not a request (kind must be "request").'));
      return answer(await dispatch(frame.name, frame.input));
    } catch (error) {
      // Dispatch is total and encodeResponse catches; this is the last line, for what neither foresaw.
      log(
        `MQScope: a WebSocket frame failed unexpectedly: ${error instanceof Error ? error.message : 'unknown'}`,
      );
      if (id === undefined) return null;
      return answer({
        ok: false,
        error: { code: 'internal', message: 'The host failed to answer this request.' },
      });
    }
  };
}
