/**
 * The one payload codec library: decode bytes as a codec, encode JSON with one, and pick a
 * codec for a message. Pure: shared by the engine, the CLI and the renderer.
 */
import { Type, type Root } from 'protobufjs';
import type { EngineText } from '../contract/engine-text';
import { decodeCbor, encodeCbor } from './cbor';
import { decodeMsgpack, encodeMsgpack } from './msgpack';
import { errorText, toPlain } from './plain';
import { decodeProtobuf, encodeProtobuf, lookupMessageType } from './protobuf';
import { decodeSparkplug, encodeSparkplug, type AliasInfo } from './sparkplug';
import { codecText, type CodecId, type DecodeResult, type EncodeOutcome } from './types';

export * from './types';
export { detectCodec, type CodecBindingLike, type CodecChoice } from './detect';
export { loadProtoFiles, type ProtoLoad } from './protobuf';
export { birthAliases, decodeSparkplug, SPARKPLUG_DATATYPES, type AliasInfo } from './sparkplug';

export interface CodecSpec {
  codec: CodecId;
  /** Protobuf: the full name of the message type, e.g. `acme.Telemetry`. */
  messageType?: string | undefined;
}

export interface CodecContext {
  /** The profile's `.proto` files, loaded (loadProtoFiles); null when it has none. */
  protoRoot?: Root | null;
  /** Sparkplug: aliases from the node's or device's birth. */
  aliases?: ReadonlyMap<string, AliasInfo> | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The Protobuf type to use, or why there is none (a sentence key). */
function protobufType(spec: CodecSpec, context: CodecContext): Type | EngineText {
  if (!spec.messageType) return codecText('chooseType');
  if (!context.protoRoot) return codecText('addProtoFiles');
  return (
    lookupMessageType(context.protoRoot, spec.messageType) ?? codecText('noType', { type: spec.messageType })
  );
}

/** Never throws: a payload that does not decode answers with the reason (and offset). */
export function decodeAs(bytes: Uint8Array, spec: CodecSpec, context: CodecContext = {}): DecodeResult {
  try {
    switch (spec.codec) {
      case 'msgpack':
        return decodeMsgpack(bytes);
      case 'cbor':
        return decodeCbor(bytes);
      case 'sparkplugb':
        return decodeSparkplug(bytes, context.aliases ?? null);
      case 'protobuf': {
        const type = protobufType(spec, context);
        return type instanceof Type
          ? decodeProtobuf(bytes, type)
          : { ok: false, codec: 'protobuf', text: type };
      }
      case 'json':
      case 'text': {
        let text: string;
        try {
          text = utf8.decode(bytes);
        } catch {
          return { ok: false, codec: spec.codec, text: codecText('notUtf8') };
        }
        if (spec.codec === 'text') return { ok: true, codec: 'text', value: text, marks: [] };
        try {
          return { ok: true, codec: 'json', value: toPlain(JSON.parse(text), []), marks: [] };
        } catch (error) {
          return { ok: false, codec: 'json', text: codecText('notJson', { detail: errorText(error) }) };
        }
      }
    }
  } catch (error) {
    return { ok: false, codec: spec.codec, text: codecText('failed', { detail: errorText(error) }) };
  }
}

/** JSON text → bytes with a codec; a mistake names the field's path. */
export function encodeAs(
  jsonText: string,
  spec: CodecSpec,
  context: CodecContext & { now?: number; seq?: number } = {},
): EncodeOutcome {
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch (error) {
    return { ok: false, text: codecText('payloadNotJson', { detail: errorText(error) }) };
  }
  switch (spec.codec) {
    case 'msgpack':
      return encodeMsgpack(json);
    case 'cbor':
      return encodeCbor(json);
    case 'sparkplugb':
      return encodeSparkplug(json, { now: context.now ?? Date.now(), seq: context.seq ?? 0 });
    case 'protobuf': {
      const type = protobufType(spec, context);
      return type instanceof Type ? encodeProtobuf(json, type) : { ok: false, text: type };
    }
    case 'json':
    case 'text':
      return { ok: true, bytes: new TextEncoder().encode(jsonText) };
  }
}

/** Pretty JSON of a decoded value (text stays as it is). */
export function decodedText(result: DecodeResult): string {
  // A failure has no decoded text: its reason is a sentence key the renderer words.
  if (!result.ok) return '';
  return typeof result.value === 'string' && result.codec === 'text'
    ? result.value
    : JSON.stringify(result.value, null, 2);
}
