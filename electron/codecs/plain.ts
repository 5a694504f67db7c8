import type { EngineText } from '../contract/engine-text';
import { codecText, type ValueMark, type ValuePath } from './types';

/** Sets a key as an own property: "__proto__" from a payload is an ordinary key (Trust #2). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** A bigint as a JSON number when it is exact, otherwise as a marked string. */
export function plainBigint(value: bigint, path: ValuePath, marks: ValueMark[]): number | string {
  if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER))
    return Number(value);
  marks.push({ path, kind: 'bigint' });
  return value.toString();
}

interface TagLike {
  tag: number | bigint;
  value: unknown;
}

function isTag(value: object): value is TagLike {
  return 'tag' in value && 'value' in value && value.constructor?.name === 'Tag';
}

interface ExtLike {
  type: number;
  data: Uint8Array;
}

function isExt(value: object): value is ExtLike {
  return value.constructor?.name === 'ExtData' && 'type' in value && 'data' in value;
}

/**
 * Turns what a binary decoder produced (bigint, bytes, Date, Map, CBOR tags, MessagePack
 * extensions) into plain JSON, recording in `marks` every type JSON would otherwise hide.
 */
export function toPlain(value: unknown, marks: ValueMark[], path: ValuePath = []): unknown {
  switch (typeof value) {
    case 'bigint':
      return plainBigint(value, path, marks);
    case 'number':
      if (Number.isFinite(value)) return value;
      marks.push({ path, kind: 'special', note: String(value) });
      return String(value);
    case 'undefined':
      marks.push({ path, kind: 'special', note: 'undefined' });
      return null;
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value === null) return null;
  if (value instanceof Uint8Array) {
    marks.push({ path, kind: 'bytes', note: `${value.length} bytes` });
    return toHex(value);
  }
  if (value instanceof Date) {
    marks.push({ path, kind: 'timestamp' });
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  }
  if (Array.isArray(value)) return value.map((item, i) => toPlain(item, marks, [...path, i]));
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) {
      const name = typeof key === 'string' ? key : JSON.stringify(toPlain(key, [], []));
      if (typeof key !== 'string') marks.push({ path: [...path, name], kind: 'map-key', note: typeof key });
      setOwn(out, name, toPlain(item, marks, [...path, name]));
    }
    return out;
  }
  if (isTag(value)) {
    marks.push({ path, kind: 'tag', note: `tag ${String(value.tag)}` });
    return toPlain(value.value, marks, path);
  }
  if (isExt(value)) {
    marks.push({ path, kind: 'ext', note: `extension type ${value.type}` });
    return toHex(value.data);
  }
  if (value instanceof Set) return toPlain([...value], marks, path);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, key, toPlain(item, marks, [...path, key]));
  return out;
}

/**
 * The JSON a user writes for publishing, with the three escapes JSON needs for binary
 * codecs: {"$bytes": "hex"}, {"$bigint": "123…"} and, for CBOR, {"$tag": 1, "value": …}.
 */
export function fromPlain(
  value: unknown,
  makeTag: ((tag: number, value: unknown) => unknown) | null,
  path: ValuePath = [],
): unknown {
  if (Array.isArray(value)) return value.map((item, i) => fromPlain(item, makeTag, [...path, i]));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only?.[0] === '$bytes' && typeof only[1] === 'string') return hexBytes(only[1], path);
  if (only?.[0] === '$bigint' && (typeof only[1] === 'string' || typeof only[1] === 'number')) {
    try {
      return BigInt(only[1]);
    } catch {
      throw new PathError(path, codecText('notInteger', { value: String(only[1]) }));
    }
  }
  if (
    makeTag &&
    entries.length === 2 &&
    typeof (value as { $tag?: unknown }).$tag === 'number' &&
    'value' in value
  ) {
    const tagged = value as { $tag: number; value: unknown };
    return makeTag(tagged.$tag, fromPlain(tagged.value, makeTag, [...path, 'value']));
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) setOwn(out, key, fromPlain(item, makeTag, [...path, key]));
  return out;
}

export class PathError extends Error {
  constructor(
    readonly path: ValuePath,
    readonly text: EngineText,
  ) {
    super(text.key);
  }
}

export function hexBytes(text: string, path: ValuePath): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) {
    throw new PathError(path, codecText('hexBytes'));
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
