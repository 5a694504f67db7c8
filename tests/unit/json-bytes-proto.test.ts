/**
 * Profile files and import files are user input: a "__proto__" key in them must stay a
 * key and never become the prototype of what is read (Trust #2).
 */
import { describe, expect, it } from 'vitest';
import { bytesFromJson, bytesToJson } from '../../electron/engine/profiles/json-bytes';

describe('profile JSON with prototype keys', () => {
  it('reads and writes "__proto__" and "constructor" as own keys', () => {
    const raw = JSON.parse(
      '{"__proto__": {"host": "evil"}, "constructor": 1, "nested": {"__proto__": [1]}}',
    ) as unknown;
    const read = bytesFromJson(raw) as Record<string, unknown>;
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(read['host']).toBeUndefined();
    expect(Object.getOwnPropertyNames(read).sort()).toEqual(['__proto__', 'constructor', 'nested']);
    expect(JSON.stringify(bytesToJson(read))).toBe(JSON.stringify(raw));
  });
});
