// Issue 12 #2 (Protobuf: several files, imports resolved, decode errors with field number
// and byte offset, unknown fields shown) and #5 (encoding refused with the field's path).
// Payloads are encoded with protobufjs itself in the test.
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeAs, encodeAs, loadProtoFiles, type ProtoFile } from '../../../electron/codecs';
import { englishOf } from '../../support/english';

const files: ProtoFile[] = [
  {
    name: 'acme/common.proto',
    text: 'syntax = "proto3";\npackage acme;\nmessage Point { double x = 1; double y = 2; }\nenum Unit { C = 0; F = 1; }\n',
  },
  {
    name: 'telemetry.proto',
    text: [
      'syntax = "proto3";',
      'package acme;',
      'import "acme/common.proto";',
      'import "google/protobuf/timestamp.proto";',
      'message Telemetry {',
      '  string device_id = 1;',
      '  Point where = 2;',
      '  uint64 counter = 3;',
      '  bytes raw = 4;',
      '  Unit unit = 5;',
      '  repeated double samples = 6;',
      '  google.protobuf.Timestamp at = 7;',
      '}',
    ].join('\n'),
  },
];

function reference(value: Record<string, unknown>, typeName = 'acme.Telemetry'): Uint8Array {
  const root = new protobuf.Root();
  for (const file of files) protobuf.parse(file.text, root, { keepCase: true });
  root.addJSON(protobuf.common.get('google/protobuf/timestamp.proto')?.nested ?? {});
  const type = root.lookupType(typeName);
  return type.encode(type.fromObject(value)).finish();
}

function load() {
  const loaded = loadProtoFiles(files);
  if (!loaded.ok) throw new Error(englishOf(loaded.text));
  return loaded;
}

describe('Protobuf', () => {
  it('loads several files with imports and lists their message types', () => {
    expect(load().types).toEqual(
      expect.arrayContaining(['acme.Point', 'acme.Telemetry', 'google.protobuf.Timestamp']),
    );
  });

  it('refuses a missing import and a .proto that does not parse, with file, line and column', () => {
    const first = files[1];
    if (!first) throw new Error('fixture');
    expect(loadProtoFiles([first])).toMatchObject({ ok: false, file: 'telemetry.proto' });
    const broken = loadProtoFiles([
      { name: 'bad.proto', text: 'syntax = "proto3";\nmessage A {\n  int32 x = 1 @\n}\n' },
    ]);
    expect(broken).toMatchObject({ ok: false, file: 'bad.proto', line: 3, column: 15 });
  });

  it('decodes with the .proto names, 64-bit integers beyond 2^53 marked, bytes as hex, enums by name', () => {
    const bytes = reference({
      device_id: 'd-1',
      where: { x: 1.5, y: -2 },
      counter: '18446744073709551615',
      raw: Buffer.from([0xca, 0xfe]),
      unit: 'F',
      samples: [1, 2.5],
      at: { seconds: 10, nanos: 5 },
    });
    const result = decodeAs(
      bytes,
      { codec: 'protobuf', messageType: 'acme.Telemetry' },
      { protoRoot: load().root },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      device_id: 'd-1',
      where: { x: 1.5, y: -2 },
      counter: '18446744073709551615',
      raw: 'cafe',
      unit: 'F',
      samples: [1, 2.5],
      at: { seconds: 10, nanos: 5 },
    });
    expect(result.marks).toEqual(
      expect.arrayContaining([
        { path: ['counter'], kind: 'bigint' },
        { path: ['raw'], kind: 'bytes', note: '2 bytes' },
      ]),
    );
  });

  it('shows fields the type does not know by number with their raw value', () => {
    const bytes = Buffer.concat([
      Buffer.from(reference({ device_id: 'x' })),
      Buffer.from([0xa0, 0x06, 0x2a]),
    ]);
    const result = decodeAs(
      bytes,
      { codec: 'protobuf', messageType: 'acme.Telemetry' },
      { protoRoot: load().root },
    );
    expect(result.ok && result.value).toEqual({ device_id: 'x', '#100': 42 });
    expect(result.ok && result.marks).toContainEqual({
      path: ['#100'],
      kind: 'unknown-field',
      note: 'wire type 0',
    });
  });

  it('says which field and byte offset broke, even inside a nested message', () => {
    const good = reference({ device_id: 'abc', where: { x: 1 } });
    // device_id (5 bytes: key, length, "abc"), then where: key 0x12, length 9, x: key 0x09 + 8 bytes.
    const cutNested = Uint8Array.from([...good.subarray(0, 5), 0x12, 0x05, 0x09, 0, 0, 0, 0]);
    const nested = decodeAs(
      cutNested,
      { codec: 'protobuf', messageType: 'acme.Telemetry' },
      { protoRoot: load().root },
    );
    // The deepest place: Point's field 1 (x), whose 8-byte value starts at byte 8 and has 4.
    expect(nested).toMatchObject({ ok: false, field: 1, offset: 8 });
    const tooLong = Uint8Array.from([0x0a, 0x20, 0x41]);
    const top = decodeAs(
      tooLong,
      { codec: 'protobuf', messageType: 'acme.Telemetry' },
      { protoRoot: load().root },
    );
    expect(top).toMatchObject({ ok: false, field: 1, offset: 1 });
    expect(!top.ok && englishOf(top.text)).toMatch(/field 1, byte 1: its length 32 runs past the end/);
  });

  it('encodes JSON exactly as protobufjs does, and refuses an unknown field or a wrong type with its path', () => {
    const json = { device_id: 'd', where: { x: 3 }, counter: '5', raw: '0102', samples: [1] };
    const out = encodeAs(
      JSON.stringify(json),
      { codec: 'protobuf', messageType: 'acme.Telemetry' },
      { protoRoot: load().root },
    );
    const expected = reference({ ...json, raw: Buffer.from([1, 2]) });
    expect(out.ok && Buffer.from(out.bytes).equals(Buffer.from(expected))).toBe(true);
    const unknown = encodeAs(
      '{"where":{"z":1}}',
      { codec: 'protobuf', messageType: 'acme.Telemetry' },
      { protoRoot: load().root },
    );
    expect(unknown).toMatchObject({ ok: false, path: 'where.z' });
    const wrongType = encodeAs(
      '{"device_id":5}',
      { codec: 'protobuf', messageType: 'acme.Telemetry' },
      { protoRoot: load().root },
    );
    expect(wrongType).toMatchObject({ ok: false, path: 'device_id' });
  });

  it('answers a missing type or missing files with a sentence', () => {
    expect(
      decodeAs(new Uint8Array(), { codec: 'protobuf', messageType: 'acme.Nope' }, { protoRoot: load().root }),
    ).toMatchObject({
      ok: false,
      text: { key: 'codec.noType', params: { type: 'acme.Nope' } },
    });
    expect(decodeAs(new Uint8Array(), { codec: 'protobuf', messageType: 'a.B' })).toMatchObject({
      ok: false,
    });
  });
});
