/**
 * Payload codecs shared by the engine, the CLI and the renderer. Everything in
 * `electron/codecs/` is pure: no Node and no DOM APIs, so one library decodes the same bytes
 * the same way in every host.
 */

import type { EngineText, TextParams } from '../contract/engine-text';
import type { FixedKey } from '../engine/text/keys';

type CodecKey = FixedKey extends infer K ? (K extends `codec.${infer N}` ? N : never) : never;

/**
 * A codec's sentence: a `codec.…` key of the engine's table with its parameters, worded by
 * the renderer (or in English by the CLI). A library's own words ride as `detail`.
 */
export const codecText = (key: CodecKey, params: TextParams = {}): EngineText => ({
  key: `codec.${key}`,
  params,
});

/** Codecs a binding or an override can name. */
export const CODEC_IDS = ['json', 'text', 'msgpack', 'cbor', 'protobuf', 'sparkplugb'] as const;
export type CodecId = (typeof CODEC_IDS)[number];

/** Codecs that turn JSON into bytes when publishing. */
export const ENCODABLE_CODECS = ['msgpack', 'cbor', 'protobuf', 'sparkplugb'] as const;
export type EncodableCodec = (typeof ENCODABLE_CODECS)[number];

/** A place in the decoded value: object keys and array indexes from the root. */
export type ValuePath = readonly (string | number)[];

/**
 * What JSON cannot show by itself, kept beside the value so the views can mark it:
 * an integer beyond 2^53 shown as a string, bytes shown as hex, a CBOR tag, a timestamp
 * shown as ISO text, a Protobuf field the type does not know, a non-string map key.
 */
export type MarkKind =
  'bigint' | 'bytes' | 'tag' | 'timestamp' | 'unknown-field' | 'map-key' | 'ext' | 'special';

export interface ValueMark {
  path: ValuePath;
  kind: MarkKind;
  /** e.g. "tag 32", "12 bytes", "wire type 0", "NaN". */
  note?: string;
}

export interface DecodedOk {
  ok: true;
  codec: CodecId;
  /** Plain JSON: safe to stringify, search and chart. */
  value: unknown;
  marks: ValueMark[];
}

export interface DecodeFailure {
  ok: false;
  codec: CodecId;
  /** One sentence, with the byte offset (and Protobuf field number) where known. */
  text: EngineText;
  offset?: number;
  field?: number;
}

export type DecodeResult = DecodedOk | DecodeFailure;

export type EncodeOutcome = { ok: true; bytes: Uint8Array } | { ok: false; text: EngineText; path?: string };

/** A user's `.proto` file: its name is what `import` statements refer to. */
export interface ProtoFile {
  name: string;
  text: string;
}

export function formatPath(path: ValuePath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(root)';
}
