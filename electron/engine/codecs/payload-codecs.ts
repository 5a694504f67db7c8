import {
  birthAliases,
  decodeAs,
  decodedText,
  detectCodec,
  encodeAs,
  loadProtoFiles,
  type CodecSpec,
  type ProtoFile,
  type ProtoLoad,
} from '../../codecs';
import type { DecodedPayload, EncodedPayload, MessageDetail, ParsedRequestInput } from '../../contract';
import type { MessageStreams } from '../stream/message-streams';
import type { PresetStore } from '../presets/preset-store';

type DecodeInput = ParsedRequestInput<'payload.decode'>;
type EncodeInput = ParsedRequestInput<'payload.encode'>;

/** Decodes are cheap to keep and costly to redo for a long Sparkplug payload. */
const CACHE_LIMIT = 500;
const WHOLE = 256 * 1024 * 1024;

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
      const spec: CodecSpec = { codec: choice.codec, messageType: choice.messageType };
      const protoRoot = choice.codec === 'protobuf' ? await this.protoRoot(input.profileId) : null;
      const birth = choice.codec === 'sparkplugb' ? sparkplugBirthTopic(detail.topic) : null;
      let aliases = null;
      if (birth) {
        try {
          aliases = birthAliases(stream.topicDetail(birth, WHOLE).payload);
        } catch {
          // No birth seen yet: DATA metrics show their aliases only.
        }
      }
      const result =
        detail.truncatedAt !== undefined
          ? {
              ok: false as const,
              codec: choice.codec,
              message: `Only the first ${detail.truncatedAt} bytes were kept: a cut payload does not decode.`,
            }
          : decodeAs(detail.payload, spec, { protoRoot, aliases });
      answer = {
        ...answer,
        result,
        text: decodedText(result),
        ...(birth && aliases && aliases.size > 0 ? { aliasesFrom: birth } : {}),
      };
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
