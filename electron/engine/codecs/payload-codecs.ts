import type { Root } from 'protobufjs';
import {
  birthAliases,
  type AliasInfo,
  type CodecId,
  type DecodeResult,
  decodeAs,
  decodedText,
  detectCodec,
  encodeAs,
  loadProtoFiles,
  type CodecSpec,
  type ProtoFile,
  type ProtoLoad,
} from '../../codecs';
import { codecText } from '../../codecs/types';
import type { DecodedPayload, EncodedPayload, MessageDetail, ParsedRequestInput } from '../../contract';
import type { MessageStream } from '../stream/message-stream';
import type { MessageStreams } from '../stream/message-streams';
import type { PresetStore } from '../presets/preset-store';

type DecodeInput = ParsedRequestInput<'payload.decode'>;
type EncodeInput = ParsedRequestInput<'payload.encode'>;

/** What decoding reads of a kept message (a log entry or a detail). */
export interface DecodableEntry {
  topic: string;
  payload: Uint8Array;
  properties?: { contentType?: string | undefined } | undefined;
  truncatedAt?: number | undefined;
}

export type EntryDecoder = (entry: DecodableEntry) => { result: DecodeResult; aliasesFrom?: string } | null;

/** Decodes are cheap to keep and costly to redo for a long Sparkplug payload. */
const CACHE_LIMIT = 500;
const WHOLE = 256 * 1024 * 1024;
/** Births whose aliases are kept read (edge nodes and devices across connections). */
const BIRTHS_KEPT = 10_000;

/** spBv1.0/G/DDATA/E/D → spBv1.0/G/DBIRTH/E/D (NDATA → NBIRTH): where the aliases were named. */
export function sparkplugBirthTopic(topic: string): string | null {
  const parts = topic.split('/');
  if (parts[0] !== 'spBv1.0' || parts.length < 4) return null;
  const kind = parts[2];
  if (kind !== 'DDATA' && kind !== 'NDATA' && kind !== 'DCMD' && kind !== 'NCMD') return null;
  parts[2] = kind.startsWith('D') ? 'DBIRTH' : 'NBIRTH';
  return parts.join('/');
}

/**
 * Decoding and encoding payloads in the engine: protobufjs compiles its decoders with
 * `Function`, which the renderer's CSP forbids, and one place keeps the per-message cache.
 * Decoding happens when a message is shown, never as it arrives.
 */
export class PayloadCodecs {
  private readonly cache = new Map<string, DecodedPayload>();
  /** Aliases per birth topic, by connection, with the seq of the birth they came from. */
  private readonly births = new Map<string, { seq: number; aliases: Map<string, AliasInfo> }>();
  /** Loaded `.proto` sets, by the stored array (replaced, never mutated, when saved). */
  private readonly roots = new WeakMap<readonly ProtoFile[], ProtoLoad>();

  constructor(
    private readonly presets: PresetStore,
    private readonly streams: () => MessageStreams,
  ) {}

  private async protoRoot(profileId: string | undefined) {
    const { protoFiles } = await this.presets.getFormats(profileId);
    if (protoFiles.length === 0) return null;
    let loaded = this.roots.get(protoFiles);
    if (!loaded) {
      loaded = loadProtoFiles(protoFiles);
      this.roots.set(protoFiles, loaded);
    }
    return loaded.ok ? loaded.root : null;
  }

  /** The birth's aliases for a Sparkplug DATA/CMD topic, read once per birth message. */
  aliasesFor(
    stream: MessageStream,
    topic: string,
  ): { from: string; seq: number; aliases: Map<string, AliasInfo> } | null {
    const birth = sparkplugBirthTopic(topic);
    if (!birth) return null;
    // The entry itself, not a copy: this runs for every row of a preview batch.
    const last = stream.topicLast(birth);
    // No birth seen yet: DATA metrics show their aliases only.
    if (!last) return null;
    const key = `${stream.connectionId}\u0000${birth}`;
    const known = this.births.get(key);
    if (known && known.seq === last.seq) return { from: birth, seq: last.seq, aliases: known.aliases };
    const aliases = birthAliases(last.payload);
    this.births.delete(key);
    if (this.births.size >= BIRTHS_KEPT) {
      const oldest = this.births.keys().next().value;
      if (oldest !== undefined) this.births.delete(oldest);
    }
    this.births.set(key, { seq: last.seq, aliases });
    return { from: birth, seq: last.seq, aliases };
  }

  /**
   * A synchronous decoder with this profile's bindings and `.proto` files, for reading many
   * kept messages (previews, search, charts): null where no codec applies.
   */
  async decoderFor(profileId: string | undefined, stream: MessageStream): Promise<EntryDecoder> {
    const { codecBindings } = await this.presets.getFormats(profileId);
    // Loaded once per set of files (see roots), so asking for it costs nothing after that.
    const protoRoot = await this.protoRoot(profileId);
    return (entry) => {
      const detected = detectCodec(entry.topic, entry.properties?.contentType, codecBindings);
      if (!detected) return null;
      return this.decodeWith(stream, entry, detected, protoRoot);
    };
  }

  private decodeWith(
    stream: MessageStream,
    entry: DecodableEntry,
    choice: { codec: CodecId; messageType?: string | undefined },
    protoRoot: Root | null,
  ): { result: DecodeResult; aliasesFrom?: string } {
    if (entry.truncatedAt !== undefined) {
      return {
        result: {
          ok: false,
          codec: choice.codec,
          text: codecText('truncated', { bytes: entry.truncatedAt }),
        },
      };
    }
    const spec: CodecSpec = { codec: choice.codec, messageType: choice.messageType };
    const birth = choice.codec === 'sparkplugb' ? this.aliasesFor(stream, entry.topic) : null;
    const result = decodeAs(entry.payload, spec, { protoRoot, aliases: birth?.aliases ?? null });
    return birth && birth.aliases.size > 0 ? { result, aliasesFrom: birth.from } : { result };
  }

  async decode(input: DecodeInput): Promise<DecodedPayload> {
    const stream = this.streams().get(input.connectionId);
    const detail: MessageDetail =
      'seq' in input.target
        ? stream.messageDetail(input.target.seq, WHOLE)
        : stream.topicDetail(input.target.topic, WHOLE);
    const key = JSON.stringify([input.connectionId, detail.seq, input.profileId ?? '', input.as ?? null]);
    const cached = this.cache.get(key);
    if (cached) return cached;

    const { codecBindings } = await this.presets.getFormats(input.profileId);
    const detected = detectCodec(detail.topic, detail.properties?.contentType, codecBindings);
    const choice: DecodedPayload['choice'] = input.as
      ? { ...input.as, source: 'override' }
      : detected
        ? {
            codec: detected.codec,
            source: detected.source,
            ...(detected.messageType ? { messageType: detected.messageType } : {}),
          }
        : null;
    let answer: DecodedPayload = { topic: detail.topic, seq: detail.seq, choice, result: null, text: '' };
    if (choice) {
      const protoRoot = choice.codec === 'protobuf' ? await this.protoRoot(input.profileId) : null;
      const { result, aliasesFrom } = this.decodeWith(stream, detail, choice, protoRoot);
      answer = { ...answer, result, text: decodedText(result), ...(aliasesFrom ? { aliasesFrom } : {}) };
    }
    if (this.cache.size >= CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, answer);
    return answer;
  }

  async encode(input: EncodeInput): Promise<EncodedPayload> {
    const protoRoot = input.codec === 'protobuf' ? await this.protoRoot(input.profileId) : null;
    return encodeAs(input.text, { codec: input.codec, messageType: input.messageType }, { protoRoot });
  }
}
