/**
 * Inputs for the web host fuzz suite: a seeded PRNG (so every run sends the same cases),
 * a valid-looking value for each contract schema, hostile values to put in its fields,
 * and hostile request paths.
 */
import { ExtData } from '@msgpack/msgpack';
import { z } from 'zod';

/** mulberry32: tiny, fast, and good enough to pick cases; the point is that it is seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, list: readonly T[]): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  minItems?: number;
}

/** The contract schema as JSON Schema (input side), or an empty object schema when zod cannot say. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return { type: 'object', properties: {} };
  }
}

/** A plausible value for a schema: the base the hostile values are put into. */
export function sample(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const branch = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (branch) return sample(branch);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sample(value)]),
      );
    case 'array':
      return schema.items && (schema.minItems ?? 0) > 0 ? [sample(schema.items)] : [];
    case 'string':
      return 'a';
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** Paths of the fields of a sampled value: every top-level field and the fields of nested objects. */
export function fieldPaths(value: unknown): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const paths: string[][] = [];
  for (const [key, child] of Object.entries(value)) {
    paths.push([key]);
    for (const inner of fieldPaths(child)) if (inner.length === 1) paths.push([key, ...inner]);
  }
  return paths;
}

export function valueAt(value: unknown, path: string[]): unknown {
  let at = value;
  for (const key of path)
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/** A deep copy of `base` with `value` at `path` (a missing parent becomes an object). */
export function withField(base: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  path.slice(0, -1).forEach((key) => {
    const next = at[key];
    if (typeof next !== 'object' || next === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  });
  const last = path.at(-1);
  if (last !== undefined)
    Object.defineProperty(at, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** Object's own names as keys of a decoded map ("__proto__" apart: the decoder refuses that one). */
export function protoKeyedObject(): Record<string, unknown> {
  return { constructor: 'a', toString: 'b', hasOwnProperty: 1, valueOf: [], polluted: true };
}

/** A map with an own "__proto__" key, as JSON.parse makes it. */
export function dunderProtoObject(): unknown {
  return JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
}

/** Values of every wrong kind, to put where the schema expects something else. */
export function hostileValues(): unknown[] {
  return [
    0,
    -1,
    0.5,
    2 ** 53 + 2,
    -(2 ** 63),
    1e308,
    -1e308,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    true,
    null,
    '',
    ' ',
    '\u0000',
    '../../../../etc/passwd',
    '%E0%A4%A',
    'a'.repeat(70_000),
    ...PROTO_KEYS,
    [],
    [1, 'a', null, {}],
    {},
    protoKeyedObject(),
    dunderProtoObject(),
    new Uint8Array([0, 255, 1]),
    new ExtData(42, new Uint8Array([1, 2, 3])),
    new Date(0),
    [[[[[[[[]]]]]]]],
  ];
}

/** A string of 1 MiB, for the field of each request the seed picks. */
export const HUGE_STRING = 'x'.repeat(1 << 20);

/**
 * MessagePack for a value nested `levels` deep, written by hand (our own encoder stops at
 * 100 levels): a chain of one-element arrays, or of one-key maps.
 */
export function deepBytes(levels: number, kind: 'array' | 'map'): Uint8Array {
  const unit = kind === 'array' ? [0x91] : [0x81, 0xa1, 0x61];
  const out = new Uint8Array(levels * unit.length + 1);
  for (let i = 0; i < levels; i++) out.set(unit, i * unit.length);
  out[out.length - 1] = 0xc0;
  return out;
}

const PATH_PIECES = [
  '%',
  '%2',
  '%zz',
  '%2e',
  '%2E%2e',
  '%2f',
  '%2F',
  '%5c',
  '%00',
  '%c0%af',
  '%C0%AE',
  '%e0%80%af',
  '%ed%a0%80',
  '%f4%90%80%80',
  '%ff',
  '%E0%A4%A',
  '%25',
  '%u002e',
  '..',
  '.',
  '/',
  '//',
  '\\',
  'assets',
  'index.html',
  'a',
  ';',
  '~',
  '%20',
  '%0d%0a',
];

/** A random request path from hostile pieces. */
export function randomPath(random: () => number): string {
  const count = 1 + Math.floor(random() * 8);
  let path = '/';
  for (let i = 0; i < count; i++) path += pick(random, PATH_PIECES);
  return path;
}

/** Malformed percent-encodings and traversals, each of which must be refused (never 200, never a crash). */
export const REFUSED_PATHS = [
  '/%',
  '/%zz',
  '/%E0%A4%A',
  '/%C0%AF',
  '/%ED%A0%80',
  '/assets/%',
  '/%%',
  '/%2',
  '/%G0',
  '/%e0%80%af',
  '/%f8%88%80%80%80',
  '/%ff%fe',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/web/index.js',
  '/../web/index.js',
  '/assets/../../web/index.js',
  '/%2e%2e/web/index.js',
  '/%2E%2E%2Fweb%2Findex.js',
  '/..%2fweb%2findex.js',
  '/..%5cweb%5cindex.js',
  '/..\\web\\index.js',
  '/assets\\..\\..\\web\\index.js',
  '/index.html%00',
  '/%00',
  '/%00/../web/index.js',
  '/....//web/index.js',
  '/.%2e/web/index.js',
  `/${'a'.repeat(5000)}`,
  `/${'%2e%2e/'.repeat(500)}etc/passwd`,
  `/${'%'.repeat(3000)}`,
];
