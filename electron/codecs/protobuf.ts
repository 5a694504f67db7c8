import { Enum, Root, Type, common, parse, type Field, type Message } from 'protobufjs';
import { PathError, errorText, fromPlain, hexBytes, plainBigint, setOwn, toHex, toPlain } from './plain';
import { scanWire, type WireProblem } from './proto-wire';
import type { EngineText } from '../contract/engine-text';
import {
  codecText,
  formatPath,
  type DecodeResult,
  type EncodeOutcome,
  type ProtoFile,
  type ValueMark,
  type ValuePath,
} from './types';

export type ProtoLoad =
  | { ok: true; root: Root; types: string[] }
  | { ok: false; text: EngineText; file?: string; line?: number; column?: number };

const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

/** Where a protobufjs parse error happened: its message gives the line; the token gives the column. */
function parseProblem(file: ProtoFile, error: unknown): ProtoLoad {
  const message = errorText(error);
  const line = Number(/\(line (\d+)\)/.exec(message)?.[1]);
  // protobufjs's own words are data: they ride as a parameter.
  if (!Number.isInteger(line) || line < 1)
    return { ok: false, file: file.name, text: codecText('failed', { detail: message }) };
  const token = /illegal (?:token|name|id|value|string|type|reference)? ?'([^']*)'/.exec(message)?.[1];
  const text = file.text.split(/\r?\n/)[line - 1] ?? '';
  const at = token ? text.indexOf(token) : -1;
  const column = at === -1 ? text.search(/\S|$/) + 1 : at + 1;
  const detail = message.replace(/\s*\(line \d+\)$/, '');
  return { ok: false, file: file.name, line, column, text: codecText('failed', { detail }) };
}

function typeNames(root: Root): string[] {
  const out: string[] = [];
  const walk = (nested: readonly unknown[]) => {
    for (const item of nested) {
      if (item instanceof Type) out.push(item.fullName.replace(/^\./, ''));
      const inner = (item as { nestedArray?: unknown[] }).nestedArray;
      if (Array.isArray(inner)) walk(inner);
    }
  };
  walk(root.nestedArray);
  return out.sort();
}

/**
 * Parses a set of `.proto` files into one root. `import "x/y.proto"` finds the added file
 * of that name (or of that base name); Google's well-known types come with protobufjs.
 */
export function loadProtoFiles(files: readonly ProtoFile[]): ProtoLoad {
  const byName = new Map<string, ProtoFile>();
  for (const file of files) {
    byName.set(file.name, file);
    const base = file.name.split('/').pop() ?? file.name;
    if (!byName.has(base)) byName.set(base, file);
  }
  const root = new Root();
  const done = new Set<string>();
  const load = (name: string, from: string | null): ProtoLoad | null => {
    if (done.has(name)) return null;
    done.add(name);
    if (name.startsWith('google/protobuf/')) {
      const json = common.get(name);
      if (json?.nested) {
        root.addJSON(json.nested);
        return null;
      }
    }
    const file = byName.get(name) ?? byName.get(name.split('/').pop() ?? name);
    if (!file) {
      return {
        ok: false,
        file: from ?? name,
        text: codecText('missingImport', { from: from ?? '', name }),
      };
    }
    done.add(file.name);
    let imports: string[];
    try {
      const result = parse(file.text, root, { keepCase: true, alternateCommentMode: true });
      imports = [...(result.imports ?? []), ...(result.weakImports ?? [])];
    } catch (error) {
      return parseProblem(file, error);
    }
    for (const next of imports) {
      const problem = load(next, file.name);
      if (problem) return problem;
    }
    return null;
  };
  for (const file of files) {
    const problem = load(file.name, null);
    if (problem) return problem;
  }
  try {
    root.resolveAll();
  } catch (error) {
    return { ok: false, text: codecText('failed', { detail: errorText(error) }) };
  }
  return { ok: true, root, types: typeNames(root) };
}

export function lookupMessageType(root: Root, name: string): Type | null {
  try {
    return root.lookupType(name);
  } catch {
    return null;
  }
}

function plainScalar(field: Field, value: unknown, path: ValuePath, marks: ValueMark[]): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof Type) return plainMessage(value as Message, resolved, path, marks);
  if (resolved instanceof Enum)
    return typeof value === 'number' ? (resolved.valuesById[value] ?? value) : value;
  if (LONG_TYPES.has(field.type) && typeof value === 'object' && value !== null) {
    return plainBigint(BigInt(String(value)), path, marks);
  }
  if (field.type === 'bytes' && value instanceof Uint8Array) {
    marks.push({ path, kind: 'bytes', note: `${value.length} bytes` });
    return toHex(value);
  }
  return toPlain(value, marks, path);
}

/** A decoded message as JSON with the `.proto` names; only fields present on the wire. */
export function plainMessage(message: Message, type: Type, path: ValuePath, marks: ValueMark[]): unknown {
  const out: Record<string, unknown> = {};
  const own = message as unknown as Record<string, unknown>;
  for (const field of type.fieldsArray) {
    if (!Object.prototype.hasOwnProperty.call(own, field.name)) continue;
    const value = own[field.name];
    const at = [...path, field.name];
    if (field.map && typeof value === 'object' && value !== null) {
      const map: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value))
        setOwn(map, key, plainScalar(field, item, [...at, key], marks));
      setOwn(out, field.name, map);
    } else if (field.repeated && Array.isArray(value)) {
      if (value.length === 0) continue;
      setOwn(
        out,
        field.name,
        value.map((item: unknown, i) => plainScalar(field, item, [...at, i], marks)),
      );
    } else {
      setOwn(out, field.name, plainScalar(field, value, at, marks));
    }
  }
  return out;
}

/** Finds the deepest place a message's bytes stop parsing, naming the field and offset. */
export function locateProblem(bytes: Uint8Array, type: Type, base = 0): WireProblem | null {
  const scan = scanWire(bytes, base);
  if (!scan.ok) return scan.problem;
  for (const wire of scan.fields) {
    const field = type.fieldsById[wire.id];
    const inner = field?.resolvedType;
    if (wire.wireType === 2 && inner instanceof Type && wire.raw instanceof Uint8Array) {
      const deeper = locateProblem(wire.raw, inner, base + wire.valueStart);
      if (deeper) return deeper;
    }
  }
  return null;
}

function unknownFields(
  bytes: Uint8Array,
  type: Type,
  out: Record<string, unknown>,
  marks: ValueMark[],
): void {
  const scan = scanWire(bytes);
  if (!scan.ok) return;
  for (const wire of scan.fields) {
    if (type.fieldsById[wire.id]) continue;
    const key = `#${wire.id}`;
    const value = typeof wire.raw === 'bigint' ? plainBigint(wire.raw, [key], []) : toHex(wire.raw);
    const existing = out[key];
    setOwn(
      out,
      key,
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value],
    );
    if (existing === undefined)
      marks.push({ path: [key], kind: 'unknown-field', note: `wire type ${wire.wireType}` });
  }
}

export function decodeProtobuf(bytes: Uint8Array, type: Type): DecodeResult {
  let message: Message;
  try {
    message = type.decode(bytes);
  } catch (error) {
    const where = locateProblem(bytes, type);
    const why = where && { offset: where.offset, whyKey: where.text.key, ...where.text.params };
    return {
      ok: false,
      codec: 'protobuf',
      text: !why
        ? codecText('notProto', { type: type.name, detail: errorText(error) })
        : where.field === undefined
          ? codecText('notProtoAt', { type: type.name, ...why })
          : codecText('notProtoFieldAt', { type: type.name, field: where.field, ...why }),
      ...(where ? { offset: where.offset } : {}),
      ...(where?.field === undefined ? {} : { field: where.field }),
    };
  }
  const marks: ValueMark[] = [];
  const value = plainMessage(message, type, [], marks) as Record<string, unknown>;
  unknownFields(bytes, type, value, marks);
  return { ok: true, codec: 'protobuf', value, marks };
}

const NUMBER_TYPES = new Set(['double', 'float', 'int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);

/** protobufjs's fromObject turns 5 into "5" silently: a wrong JSON type is refused here instead. */
function scalarProblem(field: Field, value: unknown): EngineText | null {
  if (value === null) return null;
  const enumType = field.resolvedType instanceof Enum ? field.resolvedType : null;
  if (enumType) {
    const known = typeof value === 'string' ? value in enumType.values : Number.isInteger(value);
    return known ? null : codecText('notEnum', { value: String(JSON.stringify(value)), enum: enumType.name });
  }
  if (field.type === 'string' && typeof value !== 'string') return codecText('wantString');
  if (field.type === 'bool' && typeof value !== 'boolean') return codecText('wantBool');
  if (NUMBER_TYPES.has(field.type) && typeof value !== 'number') return codecText('wantNumber');
  if (LONG_TYPES.has(field.type)) {
    const ok =
      (typeof value === 'number' && Number.isInteger(value)) ||
      typeof value === 'bigint' ||
      (typeof value === 'string' && /^-?\d+$/.test(value));
    if (!ok) return codecText('wantInteger');
  }
  return null;
}

/** The user's JSON, checked against the type: a field the type lacks is named with its path. */
function prepare(value: unknown, type: Type, path: ValuePath): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PathError(path, codecText('notObject', { type: type.name }));
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const field = type.fields[key] ?? type.fieldsArray.find((f) => f.name === key);
    if (!field || !Object.prototype.hasOwnProperty.call(type.fields, field.name)) {
      throw new PathError([...path, key], codecText('noField', { type: type.name, field: key }));
    }
    const one = (v: unknown, at: ValuePath): unknown => {
      if (field.resolvedType instanceof Type && v !== null) return prepare(v, field.resolvedType, at);
      if (field.type === 'bytes' && typeof v === 'string') return hexBytes(v, at);
      const plain = fromPlain(v, null, at);
      const problem = scalarProblem(field, plain);
      if (problem) throw new PathError(at, problem);
      // protobufjs takes 64-bit integers as decimal strings, not as bigint.
      return typeof plain === 'bigint' ? plain.toString() : plain;
    };
    const at = [...path, key];
    if (field.repeated && Array.isArray(item))
      setOwn(
        out,
        field.name,
        item.map((v, i) => one(v, [...at, i])),
      );
    else if (field.map && typeof item === 'object' && item !== null) {
      const map: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(item)) setOwn(map, k, one(v, [...at, k]));
      setOwn(out, field.name, map);
    } else setOwn(out, field.name, one(item, at));
  }
  return out;
}

export function encodeProtobuf(json: unknown, type: Type): EncodeOutcome {
  try {
    const prepared = prepare(json, type, []);
    const message = type.fromObject(prepared as Record<string, unknown>);
    const problem = type.verify(message);
    if (problem) {
      const [path, ...rest] = problem.split(': ');
      return rest.length > 0
        ? { ok: false, path, text: codecText('failed', { detail: rest.join(': ') }) }
        : { ok: false, text: codecText('failed', { detail: problem }) };
    }
    return { ok: true, bytes: type.encode(message).finish() };
  } catch (error) {
    if (error instanceof PathError) return { ok: false, path: formatPath(error.path), text: error.text };
    const said = errorText(error);
    const match = /^\.?([\w.[\]]+): (.*)$/.exec(said.replace(/^[\w.]+\./, ''));
    return match
      ? { ok: false, path: match[1], text: codecText('failed', { detail: match[2] ?? said }) }
      : { ok: false, text: codecText('failed', { detail: said }) };
  }
}
