// Issue 12 #2 (decoders: MessagePack and CBOR keep the type information JSON loses) and
// #5 (encoding when publishing). Payloads come from the reference libraries.
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { Encoder, Tag } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import { decodeAs, encodeAs } from '../../../electron/codecs';
import { englishOf } from '../../support/english';

const cbor = new Encoder({ useRecords: false });

describe('MessagePack', () => {
  it('decodes a map, marking bigints beyond 2^53, bytes and timestamps', () => {
    const bytes = msgpackEncode(
      { id: 7, big: 2n ** 63n + 5n, raw: new Uint8Array([0xde, 0xad]), at: new Date(0), list: [1, 'a'] },
      { useBigInt64: true },
    );
    const result = decodeAs(bytes, { codec: 'msgpack' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      id: 7,
      big: '9223372036854775813',
      raw: 'dead',
      at: '1970-01-01T00:00:00.000Z',
      list: [1, 'a'],
    });
    expect(result.marks).toEqual(
      expect.arrayContaining([
        { path: ['big'], kind: 'bigint' },
        { path: ['raw'], kind: 'bytes', note: '2 bytes' },
        { path: ['at'], kind: 'timestamp' },
      ]),
    );
  });

  it('a "__proto__" key never reaches a prototype (Trust #2)', () => {
    // @msgpack/msgpack refuses the key outright; CBOR keeps it as an ordinary key.
    const msgpack = decodeAs(new Uint8Array([0x81, 0xa9, ...Buffer.from('__proto__'), 0x01]), {
      codec: 'msgpack',
    });
    expect(msgpack).toMatchObject({ ok: false, codec: 'msgpack' });
    expect(!msgpack.ok && englishOf(msgpack.text)).toContain('__proto__');
    const fromCbor = decodeAs(cbor.encode(new Map([['__proto__', 1]])), { codec: 'cbor' });
    expect(fromCbor.ok && Object.keys(fromCbor.value as object)).toEqual(['__proto__']);
    expect(fromCbor.ok && Object.getPrototypeOf(fromCbor.value)).toBe(Object.prototype);
  });

  it('answers malformed bytes with the offset, never a throw', () => {
    const truncated = msgpackEncode({ a: 'hello' }).subarray(0, 5);
    const result = decodeAs(truncated, { codec: 'msgpack' });
    expect(result).toMatchObject({ ok: false, codec: 'msgpack' });
    expect(!result.ok && englishOf(result.text)).toMatch(/at byte \d+ \(of 5\)/);
    const reserved = decodeAs(new Uint8Array([0x82, 0x01, 0xc1]), { codec: 'msgpack' });
    expect(reserved).toMatchObject({ ok: false, offset: 3 });
  });

  it('encodes JSON exactly as the reference encoder does, with $bytes and $bigint', () => {
    const out = encodeAs('{"t":21.5,"b":{"$bytes":"0102"},"n":{"$bigint":"18446744073709551615"}}', {
      codec: 'msgpack',
    });
    expect(out.ok).toBe(true);
    const expected = msgpackEncode(
      { t: 21.5, b: new Uint8Array([1, 2]), n: 18446744073709551615n },
      { useBigInt64: true },
    );
    expect(out.ok && Buffer.from(out.bytes).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    expect(encodeAs('{"b":{"$bytes":"0x1"}}', { codec: 'msgpack' })).toMatchObject({ ok: false, path: 'b' });
  });
});

describe('CBOR', () => {
  it('decodes tags, bigints, bytes, dates and non-string map keys, marking each', () => {
    const bytes = cbor.encode(
      new Map<unknown, unknown>([
        ['big', 2n ** 64n - 1n],
        ['raw', new Uint8Array([1, 2, 3])],
        ['when', new Date(Date.UTC(2024, 0, 2))],
        ['tagged', new Tag('x', 99)],
        [1, 'one'],
      ]),
    );
    const result = decodeAs(bytes, { codec: 'cbor' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      big: '18446744073709551615',
      raw: '010203',
      when: '2024-01-02T00:00:00.000Z',
      tagged: 'x',
      '1': 'one',
    });
    expect(result.marks).toEqual(
      expect.arrayContaining([
        { path: ['big'], kind: 'bigint' },
        { path: ['raw'], kind: 'bytes', note: '3 bytes' },
        { path: ['when'], kind: 'timestamp' },
        { path: ['tagged'], kind: 'tag', note: 'tag 99' },
        { path: ['1'], kind: 'map-key', note: 'number' },
      ]),
    );
  });

  it('locates malformed bytes: a cut string, a reserved head, trailing bytes', () => {
    // A map of one entry whose key claims 4 bytes of text but has 2: the string head at byte 1.
    expect(decodeAs(new Uint8Array([0xa1, 0x64, 0x6e, 0x61]), { codec: 'cbor' })).toMatchObject({
      ok: false,
      offset: 1,
    });
    expect(decodeAs(new Uint8Array([0xa1, 0x61, 0x61, 0x1c]), { codec: 'cbor' })).toMatchObject({
      ok: false,
      offset: 3,
    });
    const extra = decodeAs(new Uint8Array([0x01, 0x02]), { codec: 'cbor' });
    expect(extra).toMatchObject({ ok: false, offset: 1 });
    expect(!extra.ok && englishOf(extra.text)).toMatch(/^Not valid CBOR at byte 1 \(of 2\)/);
  });

  it('encodes JSON as the reference encoder does, $tag included', () => {
    const out = encodeAs('{"a":1,"t":{"$tag":32,"value":"https://x"}}', { codec: 'cbor' });
    const expected = cbor.encode({ a: 1, t: new Tag('https://x', 32) });
    expect(out.ok && Buffer.from(out.bytes).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
  });
});

describe('JSON and text', () => {
  it('refuses invalid UTF-8 and invalid JSON with a sentence', () => {
    expect(decodeAs(new Uint8Array([0xff]), { codec: 'text' })).toMatchObject({ ok: false });
    expect(decodeAs(new TextEncoder().encode('{"a":'), { codec: 'json' })).toMatchObject({
      ok: false,
      codec: 'json',
    });
    expect(encodeAs('{"a":', { codec: 'msgpack' })).toMatchObject({ ok: false });
  });
});
