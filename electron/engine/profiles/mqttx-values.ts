/**
 * Reading values out of an MQTTX export. MQTTX writes empty values as placeholder strings
 * in its XML and CSV exports (and people convert between its formats), so a JSON or YAML
 * file can hold them too. The list is MQTTX's own, from
 * https://github.com/emqx/MQTTX/blob/main/src/utils/importExportTypes.ts
 * (`specialDataTypes`): TYPE_NULL, TYPE_UNDEFINED, EMPTY_STRING, EMPTY_ARRAY, EMPTY_OBJECT.
 * MQTTX turns them back with `recoverSpecialDataTypes`; so does `recover` here, once, for
 * the whole file, so that no field anywhere can keep one.
 */

export type Obj = Record<string, unknown>;

/** MQTTX's placeholders and what each stands for (its `recoverSpecialDataTypes`). */
export const MQTTX_PLACEHOLDERS: ReadonlyMap<string, () => unknown> = new Map<string, () => unknown>([
  ['TYPE_NULL', () => null],
  ['TYPE_UNDEFINED', () => undefined],
  ['EMPTY_STRING', () => ''],
  ['EMPTY_ARRAY', () => []],
  ['EMPTY_OBJECT', () => ({})],
]);

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The export with every placeholder replaced by the empty value it stands for. */
export function recover(value: unknown): unknown {
  if (typeof value === 'string') {
    const empty = MQTTX_PLACEHOLDERS.get(value.trim());
    return empty ? empty() : value;
  }
  if (Array.isArray(value)) return value.map(recover);
  // Bytes (YAML's !!binary) stay bytes.
  if (ArrayBuffer.isView(value)) return value;
  if (isObj(value)) {
    // A null-prototype object: keys come from the file ("__proto__" stays a plain key).
    const out = Object.create(null) as Obj;
    for (const [key, item] of Object.entries(value)) out[key] = recover(item);
    return out;
  }
  return value;
}

/** MQTTX's "not set": null, undefined or '' (it sends no username when it is ''). */
export function unset(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

export function str(value: unknown): string | undefined {
  if (unset(value)) return undefined;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function num(value: unknown): number | undefined {
  if (unset(value)) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function bool(value: unknown): boolean | undefined {
  if (unset(value)) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1) return true;
  if (value === 'false' || value === 0) return false;
  return undefined;
}

/**
 * User properties: MQTTX's model holds `{ key: value | value[] }`; its database (and so an
 * export of entities) holds the same as a JSON string. MQTT keeps ordered pairs.
 */
export function userProperties(value: unknown): { key: string; value: string }[] | undefined {
  let source = value;
  if (typeof source === 'string') {
    try {
      source = recover(JSON.parse(source));
    } catch {
      return undefined;
    }
  }
  if (!isObj(source)) return undefined;
  const pairs: { key: string; value: string }[] = [];
  for (const [key, item] of Object.entries(source)) {
    for (const one of Array.isArray(item) ? item : [item])
      if (!unset(one)) pairs.push({ key, value: String(one) });
  }
  return pairs.length ? pairs : undefined;
}

/** Correlation data: a string in MQTTX's model, or a Node Buffer as JSON writes it. */
export function bytes(value: unknown): Uint8Array | undefined {
  if (unset(value)) return undefined;
  if (typeof value === 'string') return new TextEncoder().encode(value);
  if (value instanceof Uint8Array) return value.length ? new Uint8Array(value) : undefined;
  if (isObj(value) && value['type'] === 'Buffer' && Array.isArray(value['data'])) {
    const data = value['data'];
    if (data.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 255))
      return data.length ? new Uint8Array(data as number[]) : undefined;
  }
  return undefined;
}

export function compact(value: Obj): Obj | undefined {
  // fromEntries defines own keys: a "__proto__" key in the file cannot become a prototype.
  const out: Obj = Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
  return Object.keys(out).length ? out : undefined;
}

/** Whether a value holds anything (for "was it really set?" before reporting it as left out). */
export function holdsSomething(value: unknown): boolean {
  if (unset(value)) return false;
  if (Array.isArray(value)) return value.some(holdsSomething);
  if (isObj(value)) return Object.values(value).some(holdsSomething);
  return true;
}
