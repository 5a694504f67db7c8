/**
 * `--format msgpack|cbor|protobuf|sparkplugb` for `mqscope pub` and `--decode` for
 * `mqscope sub`: the same codec library as the app, with `.proto` files read from disk.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  CODEC_IDS,
  ENCODABLE_CODECS,
  decodeAs,
  detectCodec,
  encodeAs,
  loadProtoFiles,
  type CodecContext,
  type CodecId,
  type EncodableCodec,
} from '../codecs';
import { english } from '../engine/text/english';

export interface CodecArgs {
  /** `.proto` files as given on the command line. */
  protoPaths: string[];
  messageType?: string;
}

export function isEncodable(format: string): format is EncodableCodec {
  return (ENCODABLE_CODECS as readonly string[]).includes(format);
}

export function isCodec(name: string): name is CodecId {
  return (CODEC_IDS as readonly string[]).includes(name);
}

/** Reads and loads the `.proto` files; imports find each other by file name. */
export async function codecContext(args: CodecArgs): Promise<CodecContext> {
  if (args.protoPaths.length === 0) return {};
  const files = await Promise.all(
    args.protoPaths.map(async (path) => ({ name: basename(path), text: await readFile(path, 'utf8') })),
  );
  const loaded = loadProtoFiles(files);
  if (!loaded.ok) {
    const where = [loaded.file, loaded.line, loaded.column].filter((part) => part !== undefined).join(':');
    throw new Error(`${where ? `${where}: ` : ''}${english(loaded.text)}`);
  }
  return { protoRoot: loaded.root };
}

/** JSON text → bytes, or one sentence naming the field. */
export function encodeWith(codec: EncodableCodec, text: string, args: CodecArgs, context: CodecContext) {
  const out = encodeAs(text, { codec, messageType: args.messageType }, context);
  if (out.ok) return out;
  const said = english(out.text);
  return { ok: false as const, message: out.path ? `${out.path}: ${said}` : said };
}

/** The payload as decoded text for `sub --decode`, or null to print it as before. */
export function decodeForPrint(
  decode: CodecId | 'auto',
  topic: string,
  contentType: string | undefined,
  payload: Uint8Array,
  args: CodecArgs,
  context: CodecContext,
): { codec: CodecId; ok: boolean; text: string } | null {
  const choice = decode === 'auto' ? detectCodec(topic, contentType, []) : { codec: decode };
  if (!choice) return null;
  const messageType = args.messageType ?? ('messageType' in choice ? choice.messageType : undefined);
  const result = decodeAs(payload, { codec: choice.codec, messageType }, context);
  return {
    codec: choice.codec,
    ok: result.ok,
    text: result.ok ? JSON.stringify(result.value) : english(result.text),
  };
}
