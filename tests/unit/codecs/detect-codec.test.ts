// Issue 12 #1: detection without a binding (MQTT 5 content type, the spBv1.0/ namespace);
// a binding wins, the first matching one.
import { describe, expect, it } from 'vitest';
import { detectCodec } from '../../../electron/codecs';

describe('detectCodec', () => {
  it('takes the first matching binding over the content type and the namespace', () => {
    const bindings = [
      { pattern: 'spBv1.0/raw/#', codec: 'cbor' as const },
      { pattern: 'spBv1.0/#', codec: 'protobuf' as const, messageType: 'a.B' },
    ];
    expect(detectCodec('spBv1.0/raw/x', 'application/json', bindings)).toEqual({
      codec: 'cbor',
      source: 'binding',
    });
    expect(detectCodec('spBv1.0/G/NDATA/e', undefined, bindings)).toEqual({
      codec: 'protobuf',
      messageType: 'a.B',
      source: 'binding',
    });
  });

  it.each([
    ['application/x-protobuf', 'protobuf'],
    ['application/msgpack', 'msgpack'],
    ['Application/CBOR', 'cbor'],
    ['application/json; charset=utf-8', 'json'],
  ])('reads the content type %s', (contentType, codec) => {
    expect(detectCodec('any/topic', contentType, [])).toEqual({ codec, source: 'content-type' });
  });

  it('reads a Protobuf message type from the content type parameters', () => {
    expect(detectCodec('t', 'application/x-protobuf; messageType=acme.T', [])).toEqual({
      codec: 'protobuf',
      messageType: 'acme.T',
      source: 'content-type',
    });
  });

  it('knows the Sparkplug B namespace, except the JSON STATE topic, and leaves the rest alone', () => {
    expect(detectCodec('spBv1.0/G/DDATA/e/d', undefined, [])).toEqual({
      codec: 'sparkplugb',
      source: 'namespace',
    });
    expect(detectCodec('spBv1.0/STATE/host', undefined, [])).toBeNull();
    expect(detectCodec('plain/topic', 'text/plain', [])).toBeNull();
  });
});
