import { Decoder, Encoder } from '@msgpack/msgpack';
import { PathError, errorText, fromPlain, toPlain } from './plain';
import { codecText, formatPath, type DecodeResult, type EncodeOutcome, type ValueMark } from './types';

// useBigInt64: 64-bit integers come back exact; toPlain shows those beyond 2^53 as marked strings.
const decoder = new Decoder({ useBigInt64: true });
const encoder = new Encoder({ useBigInt64: true });

/** The decoder's read position after a failure: where the bytes stopped making sense. */
function position(): number | undefined {
  const pos = (decoder as unknown as { pos?: unknown }).pos;
  return typeof pos === 'number' ? pos : undefined;
}

export function decodeMsgpack(bytes: Uint8Array): DecodeResult {
  try {
    const marks: ValueMark[] = [];
    const value = toPlain(decoder.decode(bytes), marks);
    return { ok: true, codec: 'msgpack', value, marks };
  } catch (error) {
    const offset = position();
    const detail = errorText(error);
    return {
      ok: false,
      codec: 'msgpack',
      text:
        offset === undefined
          ? codecText('notMsgpack', { size: bytes.length, detail })
          : codecText('notMsgpackAt', { offset, size: bytes.length, detail }),
      ...(offset === undefined ? {} : { offset }),
    };
  }
}

export function encodeMsgpack(json: unknown): EncodeOutcome {
  try {
    return { ok: true, bytes: encoder.encode(fromPlain(json, null)) };
  } catch (error) {
    if (error instanceof PathError) return { ok: false, path: formatPath(error.path), text: error.text };
    return { ok: false, text: codecText('failed', { detail: errorText(error) }) };
  }
}
