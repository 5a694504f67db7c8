import { Decoder, Encoder, Tag, type Options } from 'cbor-x';
import { PathError, errorText, fromPlain, toPlain } from './plain';
import { codecText, formatPath, type DecodeResult, type EncodeOutcome, type ValueMark } from './types';

// Maps come back as Maps (keys of any type stay visible), 64-bit integers as bigint
// (int64AsType is a cbor-x option its typings leave out).
const decodeOptions: Options & { int64AsType: 'bigint' } = {
  useRecords: false,
  mapsAsObjects: false,
  int64AsType: 'bigint',
};
const decoder = new Decoder(decodeOptions);
const encoder = new Encoder({ useRecords: false, tagUint8Array: false });

/**
 * cbor-x does not say where it stopped, so a failure is located by walking the item
 * structure (RFC 8949 §3) until the first head that does not fit.
 */
export function cborErrorOffset(bytes: Uint8Array): number {
  let pos = 0;
  const fail = (at: number): never => {
    throw at;
  };
  const arg = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) fail(pos - 1);
    if (pos + size > bytes.length) fail(pos);
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + (bytes[pos + i] ?? 0);
    pos += size;
    return value;
  };
  const item = (depth: number): boolean => {
    if (depth > 500) fail(pos);
    if (pos >= bytes.length) fail(pos);
    const start = pos;
    const head = bytes[pos++] ?? 0;
    const major = head >> 5;
    const info = head & 31;
    if (head === 0xff) return false;
    if (info === 31) {
      if (major === 0 || major === 1 || major === 6) fail(start);
      if (major === 7) fail(start);
      while (item(depth + 1)) {
        if (major === 5 && !item(depth + 1)) fail(pos);
      }
      return true;
    }
    if (info >= 28) fail(start);
    const n = major === 7 ? (info < 24 ? 0 : arg(info)) : arg(info);
    if (major === 2 || major === 3) {
      if (pos + n > bytes.length) fail(start);
      pos += n;
    } else if (major === 4) {
      for (let i = 0; i < n; i++) if (!item(depth + 1)) fail(pos - 1);
    } else if (major === 5) {
      for (let i = 0; i < 2 * n; i++) if (!item(depth + 1)) fail(pos - 1);
    } else if (major === 6) {
      if (!item(depth + 1)) fail(pos - 1);
    }
    return true;
  };
  try {
    if (!item(0)) return 0;
    return pos < bytes.length ? pos : bytes.length;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

export function decodeCbor(bytes: Uint8Array): DecodeResult {
  try {
    const marks: ValueMark[] = [];
    const value = toPlain(decoder.decode(bytes), marks);
    return { ok: true, codec: 'cbor', value, marks };
  } catch (error) {
    const offset = cborErrorOffset(bytes);
    return {
      ok: false,
      codec: 'cbor',
      text: codecText('notCbor', { offset, size: bytes.length, detail: errorText(error) }),
      offset,
    };
  }
}

export function encodeCbor(json: unknown): EncodeOutcome {
  try {
    const value = fromPlain(json, (tag, inner) => new Tag(inner, tag));
    return { ok: true, bytes: encoder.encode(value) };
  } catch (error) {
    if (error instanceof PathError) return { ok: false, path: formatPath(error.path), text: error.text };
    return { ok: false, text: codecText('failed', { detail: errorText(error) }) };
  }
}
