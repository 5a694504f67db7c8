/**
 * Profile options may hold bytes (a will payload given as bytes, MQTT 5 correlation data).
 * JSON has no bytes, so they are written as `{ "$bytes": "<base64>" }` and read back.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

export function bytesToJson(value: unknown): Json {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(bytesToJson);
  if (isPlainObject(value)) {
    // fromEntries defines own keys: a "__proto__" key from a file stays a key, not a prototype.
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, bytesToJson(item)]),
    );
  }
  if (value === undefined) return null;
  return value as Json;
}

export function bytesFromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(bytesFromJson);
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$bytes' && typeof value['$bytes'] === 'string') {
      return new Uint8Array(Buffer.from(value['$bytes'], 'base64'));
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, bytesFromJson(item)]));
  }
  return value;
}
