import { parse, Type, type Message, type NamespaceBase } from 'protobufjs';
import { plainBigint, setOwn, toHex } from './plain';
import { decodeProtobuf, encodeProtobuf, locateProblem } from './protobuf';
import { SPARKPLUG_B_PROTO } from './sparkplug-b-proto';
import { codecText, type DecodeResult, type EncodeOutcome, type ValueMark, type ValuePath } from './types';

/** Sparkplug B data type names by number (Sparkplug 3.0, §6.4.16). */
export const SPARKPLUG_DATATYPES = [
  'Unknown',
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'UInt8',
  'UInt16',
  'UInt32',
  'UInt64',
  'Float',
  'Double',
  'Boolean',
  'String',
  'DateTime',
  'Text',
  'UUID',
  'DataSet',
  'Bytes',
  'File',
  'Template',
  'PropertySet',
  'PropertySetList',
] as const;

/** What a birth told about an alias, so a later DATA with aliases only still shows names. */
export interface AliasInfo {
  name: string;
  datatype: number;
}

let payloadType: Type | null = null;

/**
 * protobufjs's decoder names the oneof member it read (`m.value = "int_value"`), and the
 * generated setter then deletes every other member, present or not: a `delete` per member of
 * every metric, property and dataset value. Deleting only the members actually set keeps the
 * same result (the last member on the wire wins) at a fraction of the cost.
 */
function cheaperOneofSetters(ns: NamespaceBase): void {
  for (const nested of ns.nestedArray) {
    if (nested instanceof Type && nested.oneofsArray.length > 0) {
      const ctor = nested.ctor as unknown as { prototype: object };
      // protobufjs defines its setters non-configurable: ours go on a prototype in front.
      const original = ctor.prototype;
      const faster = Object.create(original) as object;
      for (const oneof of nested.oneofsArray) {
        const members = oneof.oneof;
        Object.defineProperty(faster, oneof.name, {
          get: Object.getOwnPropertyDescriptor(original, oneof.name)?.get,
          set(this: Record<string, unknown>, name: string) {
            for (const member of members)
              if (member !== name && Object.prototype.hasOwnProperty.call(this, member))
                Reflect.deleteProperty(this, member);
          },
        });
      }
      ctor.prototype = faster;
    }
    if ('nestedArray' in nested) cheaperOneofSetters(nested as NamespaceBase);
  }
}

/** The bundled Tahu schema's Payload type, parsed once. */
export function sparkplugPayloadType(): Type {
  if (!payloadType) {
    const root = parse(SPARKPLUG_B_PROTO, { keepCase: true }).root;
    cheaperOneofSetters(root);
    payloadType = root.lookupType('org.eclipse.tahu.protobuf.Payload');
  }
  return payloadType;
}

type Fields = Record<string, unknown>;
const own = (m: unknown, key: string): boolean =>
  typeof m === 'object' && m !== null && Object.prototype.hasOwnProperty.call(m, key);

interface LongLike {
  low: number;
  high: number;
  unsigned: boolean;
}

function isLong(value: unknown): value is LongLike {
  const long = value as Partial<LongLike> | null;
  return !!long && typeof long.low === 'number' && typeof long.high === 'number';
}

function u64(value: unknown): bigint {
  if (typeof value === 'number') return BigInt(value);
  // From the bits: Long's own toString divides by 10 in 64-bit steps, per digit group.
  if (isLong(value) && value.unsigned) return (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  return BigInt(String(value));
}

/** An Int64 carried in a uint64: a number when exact (the common case, no bigint), else a marked string. */
function int64(value: unknown, path: ValuePath, marks: ValueMark[]): number | string {
  if (isLong(value)) {
    const high = value.high | 0;
    // |value| < 2^53 - 2^32: exact as a double, so the same number plainBigint would give.
    if (high > -0x200000 && high < 0x1fffff) return high * 0x1_0000_0000 + (value.low >>> 0);
  }
  return plainBigint(BigInt.asIntN(64, u64(value)), path, marks);
}

/** An unsigned 64-bit value as a number when it is exact: the common case, without a bigint. */
function small64(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  const long = value as Partial<LongLike> | null;
  if (
    long &&
    typeof long.low === 'number' &&
    typeof long.high === 'number' &&
    long.high >= 0 &&
    long.high < 0x200000
  ) {
    return long.high * 0x1_0000_0000 + (long.low >>> 0);
  }
  return null;
}

/** A uint64 as JSON: a number when exact, otherwise a marked string. */
function plainU64(value: unknown, path: ValuePath, marks: ValueMark[]): number | string {
  return small64(value) ?? plainBigint(u64(value), path, marks);
}

/**
 * ISO texts of recent timestamps: a payload's metrics mostly share its timestamp, and
 * `toISOString` is the costliest step of a metric's conversion.
 */
const isoTexts = new Map<number, { iso: string; note: string }>();
const ISO_KEPT = 1024;

function time(value: unknown, path: ValuePath, marks: ValueMark[]): string | number {
  const ms = small64(value) ?? Number(u64(value));
  let text = isoTexts.get(ms);
  if (!text) {
    const date = new Date(ms);
    if (Number.isNaN(date.getTime())) return ms;
    if (isoTexts.size >= ISO_KEPT) isoTexts.clear();
    text = { iso: date.toISOString(), note: `${ms} ms` };
    isoTexts.set(ms, text);
  }
  marks.push({ path, kind: 'timestamp', note: text.note });
  return text.iso;
}

/** A oneof value read by the datatype it declares (Int8/16/32 travel as two's complement in a uint32). */
function typedValue(type: number, m: Fields, path: ValuePath, marks: ValueMark[]): unknown {
  const name = SPARKPLUG_DATATYPES[type];
  switch (name) {
    case 'Int8':
      return ((Number(m.int_value) << 24) >> 24) | 0;
    case 'Int16':
      return ((Number(m.int_value) << 16) >> 16) | 0;
    case 'Int32':
      return Number(m.int_value) | 0;
    case 'UInt8':
    case 'UInt16':
    case 'UInt32':
      return Number(m.int_value) >>> 0;
    case 'Int64':
      return int64(m.long_value, path, marks);
    case 'UInt64':
      return plainU64(m.long_value, path, marks);
    case 'DateTime':
      return time(m.long_value, path, marks);
    case 'Bytes':
    case 'File':
      if (m.bytes_value instanceof Uint8Array) {
        marks.push({ path, kind: 'bytes', note: `${m.bytes_value.length} bytes` });
        return toHex(m.bytes_value);
      }
      break;
    case 'DataSet':
      if (own(m, 'dataset_value')) return dataset(m.dataset_value as Fields, path, marks);
      break;
    case 'Template':
      if (own(m, 'template_value')) return template(m.template_value as Fields, path, marks);
      break;
    case 'PropertySet':
      if (own(m, 'propertyset_value')) return propertySet(m.propertyset_value as Fields, path, marks);
      break;
    case 'PropertySetList':
      if (own(m, 'propertysets_value')) {
        const sets = ((m.propertysets_value as Fields).propertyset ?? []) as Fields[];
        return sets.map((s, i) => propertySet(s, [...path, i], marks));
      }
      break;
    default:
      break;
  }
  return anyValue(m, path, marks);
}

/** Whichever value field is on the wire, when the datatype is missing or unknown. */
function anyValue(m: Fields, path: ValuePath, marks: ValueMark[]): unknown {
  if (own(m, 'long_value')) return plainBigint(u64(m.long_value), path, marks);
  for (const key of ['int_value', 'float_value', 'double_value', 'boolean_value', 'string_value']) {
    if (own(m, key)) return m[key];
  }
  if (m.bytes_value instanceof Uint8Array) {
    marks.push({ path, kind: 'bytes', note: `${m.bytes_value.length} bytes` });
    return toHex(m.bytes_value);
  }
  if (own(m, 'dataset_value')) return dataset(m.dataset_value as Fields, path, marks);
  if (own(m, 'template_value')) return template(m.template_value as Fields, path, marks);
  return null;
}

function propertySet(set: Fields, path: ValuePath, marks: ValueMark[]): Fields {
  const out: Fields = {};
  const keys = (set.keys ?? []) as string[];
  const values = (set.values ?? []) as Fields[];
  keys.forEach((key, i) => {
    const value = values[i] ?? {};
    const at = [...path, key];
    setOwn(out, key, value.is_null ? null : typedValue(Number(value.type ?? 0), value, at, marks));
  });
  return out;
}

function dataset(set: Fields, path: ValuePath, marks: ValueMark[]): Fields {
  const types = ((set.types ?? []) as number[]).map(Number);
  const rows = ((set.rows ?? []) as Fields[]).map((row, r) =>
    ((row.elements ?? []) as Fields[]).map((cell, c) =>
      typedValue(types[c] ?? 0, cell, [...path, 'rows', r, c], marks),
    ),
  );
  return {
    columns: set.columns ?? [],
    types: types.map((t) => SPARKPLUG_DATATYPES[t] ?? t),
    rows,
  };
}

function template(tpl: Fields, path: ValuePath, marks: ValueMark[]): Fields {
  const out: Fields = {};
  if (own(tpl, 'version')) out.version = tpl.version;
  if (own(tpl, 'template_ref')) out.template_ref = tpl.template_ref;
  if (own(tpl, 'is_definition')) out.is_definition = tpl.is_definition;
  const params = (tpl.parameters ?? []) as Fields[];
  if (params.length > 0) {
    out.parameters = params.map((p, i) => ({
      name: p.name,
      datatype: SPARKPLUG_DATATYPES[Number(p.type)] ?? p.type,
      value: typedValue(Number(p.type ?? 0), p, [...path, 'parameters', i, 'value'], marks),
    }));
  }
  out.metrics = ((tpl.metrics ?? []) as Fields[]).map((m, i) =>
    metric(m, [...path, 'metrics', i], marks, null),
  );
  return out;
}

function metric(
  m: Fields,
  path: ValuePath,
  marks: ValueMark[],
  aliases: ReadonlyMap<string, AliasInfo> | null,
): Fields {
  const out: Fields = {};
  const alias = own(m, 'alias') ? String(small64(m.alias) ?? u64(m.alias)) : null;
  const known = alias === null ? undefined : aliases?.get(alias);
  const name = own(m, 'name') ? m.name : known?.name;
  if (name !== undefined) out.name = name;
  if (alias !== null) out.alias = plainU64(m.alias, [...path, 'alias'], marks);
  const type = own(m, 'datatype') ? Number(m.datatype) : known?.datatype;
  if (type !== undefined) out.datatype = SPARKPLUG_DATATYPES[type] ?? type;
  if (own(m, 'timestamp')) out.timestamp = time(m.timestamp, [...path, 'timestamp'], marks);
  out.value = m.is_null ? null : typedValue(type ?? 0, m, [...path, 'value'], marks);
  for (const flag of ['is_historical', 'is_transient', 'is_null']) if (m[flag]) out[flag] = true;
  if (own(m, 'properties'))
    out.properties = propertySet(m.properties as Fields, [...path, 'properties'], marks);
  if (own(m, 'metadata')) out.metadata = decodeMetadata(m.metadata as Fields);
  return out;
}

function decodeMetadata(meta: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(meta)) {
    setOwn(out, key, typeof value === 'object' && value !== null ? String(value) : value);
  }
  return out;
}

/**
 * A Sparkplug B payload as JSON: metrics with names (from the birth's aliases when a DATA
 * message carries aliases only), datatypes by name, timestamps as ISO text, values by type.
 */
export function decodeSparkplug(
  bytes: Uint8Array,
  aliases: ReadonlyMap<string, AliasInfo> | null = null,
): DecodeResult {
  const type = sparkplugPayloadType();
  let payload: Message;
  try {
    payload = type.decode(bytes);
  } catch {
    // The generic decoder says where (field number, byte offset).
    const failed = decodeProtobuf(bytes, type);
    if (!failed.ok)
      return {
        ...failed,
        codec: 'sparkplugb',
        text: codecText('notSparkplugWhy', { ...failed.text.params, reasonKey: failed.text.key }),
      };
    const where = locateProblem(bytes, type);
    return {
      ok: false,
      codec: 'sparkplugb',
      text: codecText('notSparkplug'),
      ...(where ? { offset: where.offset } : {}),
    };
  }
  const p = payload as unknown as Fields;
  const marks: ValueMark[] = [];
  const out: Fields = {};
  if (own(p, 'timestamp')) out.timestamp = time(p.timestamp, ['timestamp'], marks);
  if (own(p, 'seq')) out.seq = plainU64(p.seq, ['seq'], marks);
  if (own(p, 'uuid')) out.uuid = p.uuid;
  out.metrics = ((p.metrics ?? []) as Fields[]).map((m, i) => metric(m, ['metrics', i], marks, aliases));
  if (p.body instanceof Uint8Array) {
    marks.push({ path: ['body'], kind: 'bytes', note: `${p.body.length} bytes` });
    out.body = toHex(p.body);
  }
  return { ok: true, codec: 'sparkplugb', value: out, marks };
}

/** Aliases a birth (NBIRTH/DBIRTH) defines: alias → name and datatype. */
export function birthAliases(bytes: Uint8Array): Map<string, AliasInfo> {
  const out = new Map<string, AliasInfo>();
  try {
    const p = sparkplugPayloadType().decode(bytes) as unknown as Fields;
    for (const m of (p.metrics ?? []) as Fields[]) {
      if (own(m, 'alias') && typeof m.name === 'string') {
        out.set(u64(m.alias).toString(), { name: m.name, datatype: Number(m.datatype ?? 0) });
      }
    }
  } catch {
    // Not a birth we can read: no aliases.
  }
  return out;
}

const VALUE_FIELD: Record<string, string> = {
  Int8: 'int_value',
  Int16: 'int_value',
  Int32: 'int_value',
  UInt8: 'int_value',
  UInt16: 'int_value',
  UInt32: 'int_value',
  Int64: 'long_value',
  UInt64: 'long_value',
  DateTime: 'long_value',
  Float: 'float_value',
  Double: 'double_value',
  Boolean: 'boolean_value',
  String: 'string_value',
  Text: 'string_value',
  UUID: 'string_value',
  Bytes: 'bytes_value',
  File: 'bytes_value',
};

/**
 * Builds a payload from JSON metrics ({name, alias?, datatype: "Int32" | 3, value}); the
 * payload timestamp (and each metric's) is filled with `now` and `seq` with the given one
 * when the JSON leaves them out.
 */
export function encodeSparkplug(json: unknown, fill: { now: number; seq: number }): EncodeOutcome {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, path: '(root)', text: codecText('sparkplugObject') };
  }
  const input = json as Fields;
  const metrics = Array.isArray(input.metrics) ? (input.metrics as unknown[]) : [];
  const built: Fields[] = [];
  for (const [i, item] of metrics.entries()) {
    if (typeof item !== 'object' || item === null) {
      return { ok: false, path: `metrics[${i}]`, text: codecText('metricObject') };
    }
    const m = item as Fields;
    const type =
      typeof m.datatype === 'number' ? m.datatype : SPARKPLUG_DATATYPES.indexOf(m.datatype as never);
    const typeName = SPARKPLUG_DATATYPES[type];
    const field = typeName ? VALUE_FIELD[typeName] : undefined;
    if (!field) {
      return {
        ok: false,
        path: `metrics[${i}].datatype`,
        text: codecText('badDatatype', { datatype: String(m.datatype) }),
      };
    }
    const metricOut: Fields = { datatype: type, timestamp: m.timestamp ?? fill.now };
    if (m.name !== undefined) metricOut.name = m.name;
    if (m.alias !== undefined) metricOut.alias = m.alias;
    let value = m.value;
    if (value === null || value === undefined) metricOut.is_null = true;
    else {
      if (typeName === 'DateTime' && typeof value === 'string') value = Date.parse(value);
      if (field === 'int_value' && typeof value === 'number') value = value >>> 0;
      if (field === 'long_value' && typeof value === 'number' && value < 0)
        value = BigInt.asUintN(64, BigInt(value)).toString();
      metricOut[field] = value;
    }
    built.push(metricOut);
  }
  const payload: Fields = {
    timestamp: input.timestamp ?? fill.now,
    seq: input.seq ?? fill.seq,
    metrics: built,
  };
  if (input.uuid !== undefined) payload.uuid = input.uuid;
  return encodeProtobuf(payload, sparkplugPayloadType());
}
