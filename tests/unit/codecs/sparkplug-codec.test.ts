// Issue 12 #2 (Sparkplug B: metrics with names, aliases, datatypes, timestamps, quality,
// properties, datasets and templates) with payloads encoded by protobufjs from the Tahu schema.
import { describe, expect, it } from 'vitest';
import { birthAliases, decodeAs, encodeAs, SPARKPLUG_DATATYPES } from '../../../electron/codecs';
import {
  BIRTH_TIME,
  TahuPayload,
  deviceBirth,
  deviceData,
  encodeTahu,
} from '../../support/sparkplug-fixture';

const T = BIRTH_TIME;
const iso = new Date(T).toISOString();

describe('Sparkplug B', () => {
  it('decodes every scalar datatype by its declared type (signed ints from uint32, Int64, DateTime)', () => {
    const metrics = [
      { name: 'i8', datatype: 1, int_value: 0xff },
      { name: 'i16', datatype: 2, int_value: 0xfffe },
      { name: 'i32', datatype: 3, int_value: 0xfffffffd },
      { name: 'i64', datatype: 4, long_value: '18446744073709551612' },
      { name: 'u8', datatype: 5, int_value: 200 },
      { name: 'u16', datatype: 6, int_value: 60000 },
      { name: 'u32', datatype: 7, int_value: 4000000000 },
      { name: 'u64', datatype: 8, long_value: '18446744073709551615' },
      { name: 'f', datatype: 9, float_value: 1.5 },
      { name: 'd', datatype: 10, double_value: 2.25 },
      { name: 'b', datatype: 11, boolean_value: true },
      { name: 's', datatype: 12, string_value: 'hi' },
      { name: 'dt', datatype: 13, long_value: T },
      { name: 'txt', datatype: 14, string_value: 'long text' },
      { name: 'uuid', datatype: 15, string_value: '123e4567-e89b-12d3-a456-426614174000' },
      { name: 'bytes', datatype: 17, bytes_value: Buffer.from([1, 2]) },
      {
        name: 'file',
        datatype: 18,
        bytes_value: Buffer.from([3]),
        metadata: { file_name: 'a.bin', size: 1 },
      },
      { name: 'gone', datatype: 3, is_null: true },
    ];
    const result = decodeAs(encodeTahu({ timestamp: T, seq: 4, metrics }), { codec: 'sparkplugb' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as { seq: number; timestamp: string; metrics: Record<string, unknown>[] };
    expect(value.seq).toBe(4);
    expect(value.timestamp).toBe(iso);
    const byName = new Map(value.metrics.map((m) => [m.name, m]));
    expect(Object.fromEntries([...byName].map(([k, m]) => [k, m.value]))).toEqual({
      i8: -1,
      i16: -2,
      i32: -3,
      i64: -4,
      u8: 200,
      u16: 60000,
      u32: 4000000000,
      u64: '18446744073709551615',
      f: 1.5,
      d: 2.25,
      b: true,
      s: 'hi',
      dt: iso,
      txt: 'long text',
      uuid: '123e4567-e89b-12d3-a456-426614174000',
      bytes: '0102',
      file: '03',
      gone: null,
    });
    expect(byName.get('i8')?.datatype).toBe('Int8');
    expect(byName.get('gone')?.is_null).toBe(true);
    expect(byName.get('file')?.metadata).toEqual({ file_name: 'a.bin', size: '1' });
    const markAt = (i: number) => result.marks.filter((m) => m.path[1] === i).map((m) => m.kind);
    expect(markAt(7)).toContain('bigint');
    expect(markAt(12)).toContain('timestamp');
    expect(markAt(15)).toContain('bytes');
    expect(SPARKPLUG_DATATYPES[16]).toBe('DataSet');
  });

  it('decodes properties (quality), datasets and templates', () => {
    const payload = encodeTahu({
      timestamp: T,
      seq: 0,
      metrics: [
        {
          name: 'Pressure',
          datatype: 10,
          double_value: 3.5,
          properties: {
            keys: ['Quality', 'Units', 'Limits'],
            values: [
              { type: 3, int_value: 192 },
              { type: 12, string_value: 'bar' },
              { type: 20, propertyset_value: { keys: ['hi'], values: [{ type: 10, double_value: 9 }] } },
            ],
          },
        },
        {
          name: 'Table',
          datatype: 16,
          dataset_value: {
            num_of_columns: 2,
            columns: ['id', 'label'],
            types: [7, 12],
            rows: [{ elements: [{ int_value: 1 }, { string_value: 'one' }] }],
          },
        },
        {
          name: 'Motor',
          datatype: 19,
          template_value: {
            version: '1.0',
            template_ref: 'MotorType',
            is_definition: false,
            parameters: [{ name: 'rating', type: 9, float_value: 7.5 }],
            metrics: [{ name: 'RPM', datatype: 7, int_value: 1450 }],
          },
        },
      ],
    });
    const result = decodeAs(payload, { codec: 'sparkplugb' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [pressure, table, motor] = (result.value as { metrics: Record<string, unknown>[] }).metrics;
    expect(pressure?.properties).toEqual({ Quality: 192, Units: 'bar', Limits: { hi: 9 } });
    expect(table?.value).toEqual({
      columns: ['id', 'label'],
      types: ['UInt32', 'String'],
      rows: [[1, 'one']],
    });
    expect(motor?.value).toEqual({
      version: '1.0',
      template_ref: 'MotorType',
      is_definition: false,
      parameters: [{ name: 'rating', datatype: 'Float', value: 7.5 }],
      metrics: [{ name: 'RPM', datatype: 'UInt32', value: 1450 }],
    });
  });

  it('shows metric names for a DATA message with aliases only, from the birth', () => {
    const aliases = birthAliases(deviceBirth(0));
    expect([...aliases]).toEqual([
      ['1', { name: 'Temperature', datatype: 9 }],
      ['2', { name: 'Pump/Running', datatype: 11 }],
    ]);
    const withBirth = decodeAs(deviceData(1, 22.5), { codec: 'sparkplugb' }, { aliases });
    expect(withBirth.ok && (withBirth.value as { metrics: unknown[] }).metrics).toEqual([
      {
        name: 'Temperature',
        alias: 1,
        datatype: 'Float',
        timestamp: new Date(T + 1000).toISOString(),
        value: 22.5,
      },
    ]);
    const without = decodeAs(deviceData(1, 22.5), { codec: 'sparkplugb' });
    expect(
      without.ok && (without.value as { metrics: { name?: string }[] }).metrics[0]?.name,
    ).toBeUndefined();
  });

  it('answers bytes that are not a Sparkplug payload with the field and offset', () => {
    const result = decodeAs(Uint8Array.from([0x12, 0x40, 0x0a]), { codec: 'sparkplugb' });
    expect(result).toMatchObject({ ok: false, codec: 'sparkplugb', field: 2, offset: 1 });
  });

  it('builds a payload from JSON metrics, filling timestamp and seq', () => {
    const out = encodeAs(
      '{"metrics":[{"name":"Speed","datatype":"Int32","value":-5}]}',
      { codec: 'sparkplugb' },
      {
        now: T,
        seq: 7,
      },
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const decoded = TahuPayload.toObject(TahuPayload.decode(out.bytes), { longs: Number });
    expect(decoded).toEqual({
      timestamp: T,
      seq: 7,
      metrics: [{ name: 'Speed', datatype: 3, timestamp: T, int_value: 0xfffffffb }],
    });
    expect(
      encodeAs('{"metrics":[{"name":"x","datatype":"Nope","value":1}]}', { codec: 'sparkplugb' }),
    ).toMatchObject({
      ok: false,
      path: 'metrics[0].datatype',
    });
  });
});
