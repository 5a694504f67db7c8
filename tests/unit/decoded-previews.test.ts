/**
 * Issue 12 #4 (decoded list previews): which rows ask the engine, and how its structured
 * answer is worded (the engine sends no prose; the renderer's languages word it).
 */
import { describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../electron/contract';
import { mayDecode, previewWords } from '../../src/messages/decoded-preview-words';

const summary = (topic: string, bytes: number[], hasProperties = false): MessageSummary => ({
  seq: 1,
  topic,
  qos: 0,
  retain: false,
  size: bytes.length,
  preview: new Uint8Array(bytes),
  receivedAt: 0,
  hasProperties,
});
const text = (s: string) => [...new TextEncoder().encode(s)];

describe('decoded previews', () => {
  // Issue 12 #4: decoding is lazy, only for rows a codec may apply to.
  it('asks only for rows a codec may apply to: plain text and JSON never ask', () => {
    expect(mayDecode(summary('a/b', text('{"t":21.5}\n')))).toBe(false);
    expect(mayDecode(summary('a/b', text('hello\tworld')))).toBe(false);
    expect(mayDecode(summary('spBv1.0/G/NDATA/e', text('x')))).toBe(true);
    expect(mayDecode(summary('a/b', text('x'), true))).toBe(true);
    // A MessagePack map (0x81 …) is not UTF-8; a Protobuf tag (0x08) is a control character.
    expect(mayDecode(summary('a/b', [0x81, 0xa1, 0x74, 0xcb]))).toBe(true);
    expect(mayDecode(summary('a/b', [0x08, 0x2a, 0x12, 0x01, 0x61]))).toBe(true);
  });

  // Issue 12 #3/#4: names from the birth in previews, rebirth needed marked.
  it('words a Sparkplug summary, names from the birth or #alias, and marks a rebirth', () => {
    const sparkplug = {
      kind: 'DDATA',
      count: 3,
      metrics: [
        { name: 'Temperature', alias: '1', value: '21.5' },
        { alias: '7', value: 'true' },
      ],
      unknownAliases: 1,
      noBirth: false,
    };
    expect(previewWords({ seq: 1, codec: 'sparkplugb', sparkplug })).toBe(
      '⚠ rebirth needed · DDATA 3 metrics: Temperature=21.5, #7=true …',
    );
    expect(
      previewWords({
        seq: 1,
        codec: 'sparkplugb',
        sparkplug: { ...sparkplug, count: 1, metrics: sparkplug.metrics.slice(0, 1), unknownAliases: 0 },
      }),
    ).toBe('DDATA 1 metric: Temperature=21.5');
    expect(previewWords({ seq: 1, codec: 'cbor', json: '{"t":1}' })).toBe('{"t":1}');
    expect(
      previewWords({ seq: 1, codec: 'sparkplugb', error: { key: 'codec.notSparkplug', params: {} } }),
    ).toBe('Does not decode: Not a Sparkplug B payload.');
  });
});
