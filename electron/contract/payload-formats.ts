/**
 * A profile's payload formats: the codec bound to each topic filter (first match wins), the
 * `.proto` files Protobuf bindings use, and (in presets.ts) the JSON Schemas per topic.
 * Kept with the presets in one store, per profile (issue 12 #1, issue 13 #1).
 */
import { z } from 'zod';
import { CODEC_IDS, ENCODABLE_CODECS, type DecodeResult } from '../codecs/types';
import { OnConnection, TopicFilterSchema, request } from './common';
import { ProfileIdSchema } from './profiles';
import type { EngineText } from './engine-text';
import { TopicSchemaSchema, type TopicSchema } from './presets';

// The renderer reads codec names and decode results through the contract, like every type.
export { CODEC_IDS, formatPath, type CodecId, type DecodeResult, type ValueMark } from '../codecs/types';

export const CodecIdSchema = z.enum(CODEC_IDS);

export const CodecBindingSchema = z
  .object({
    pattern: TopicFilterSchema,
    codec: CodecIdSchema,
    /** Protobuf: the full message type name, e.g. `acme.Telemetry`. */
    messageType: z.string().trim().max(500).optional(),
  })
  .strict();
export type CodecBinding = z.output<typeof CodecBindingSchema>;

export const ProtoFileSchema = z
  .object({
    /** What `import` statements call it, e.g. `acme/common.proto`. */
    name: z.string().trim().min(1).max(500),
    text: z.string().max(2 * 1024 * 1024),
  })
  .strict();
export type ProtoFileEntry = z.output<typeof ProtoFileSchema>;

/** Which payload formats: a profile's, or (left out) those of connections without a profile. */
export const FormatsScopeSchema = z.object({ profileId: ProfileIdSchema.optional() }).strict();

export interface PayloadFormats {
  topicSchemas: TopicSchema[];
  codecBindings: CodecBinding[];
  protoFiles: ProtoFileEntry[];
}

export const PayloadFormatsInputSchema = FormatsScopeSchema.extend({
  topicSchemas: z.array(TopicSchemaSchema).max(500),
  codecBindings: z.array(CodecBindingSchema).max(500),
  protoFiles: z.array(ProtoFileSchema).max(200),
}).strict();

/** A codec picked by hand ("decode as…"), over the binding and the detection. */
export const CodecSpecSchema = z
  .object({ codec: CodecIdSchema, messageType: z.string().trim().min(1).max(500).optional() })
  .strict();

export const DecodePayloadInputSchema = OnConnection.extend({
  /** A kept message by number, or the last message on a topic. */
  target: z.union([
    z.object({ seq: z.number().int().positive() }).strict(),
    z.object({ topic: z.string().min(1).max(65535) }).strict(),
  ]),
  /** Whose bindings and `.proto` files apply: the connection's profile (none: the shared ones). */
  profileId: ProfileIdSchema.optional(),
  as: CodecSpecSchema.optional(),
}).strict();

export interface DecodedPayload {
  topic: string;
  seq: number;
  /** The codec used and why; null: no binding, content type or namespace applies (shown as before). */
  choice: {
    codec: z.infer<typeof CodecIdSchema>;
    messageType?: string;
    source: 'binding' | 'content-type' | 'namespace' | 'override';
  } | null;
  result: DecodeResult | null;
  /** Pretty JSON of the decoded value (or the error sentence). */
  text: string;
  /** Sparkplug: the birth topic whose aliases named the metrics. */
  aliasesFrom?: string;
}

export const EncodePayloadInputSchema = z
  .object({
    profileId: ProfileIdSchema.optional(),
    codec: z.enum(ENCODABLE_CODECS),
    messageType: z.string().trim().min(1).max(500).optional(),
    /** The JSON as typed. */
    text: z.string().max(16 * 1024 * 1024),
  })
  .strict();

export type EncodedPayload = { ok: true; bytes: Uint8Array } | { ok: false; text: EngineText; path?: string };

export const payloadFormatRequests = {
  /** Decodes one message lazily, when it is shown (never on the socket path); cached per message. */
  'payload.decode': request<DecodedPayload>()(DecodePayloadInputSchema),
  /** JSON → bytes with a codec, for publishing; a mistake names the field's path. */
  'payload.encode': request<EncodedPayload>()(EncodePayloadInputSchema),
  'payloadFormats.get': request<PayloadFormats>()(FormatsScopeSchema),
  /**
   * Replaces the scope's formats. `.proto` files that do not parse (or miss an import) are
   * refused with file, line and column; nothing is saved then.
   */
  'payloadFormats.save': request<PayloadFormats>()(PayloadFormatsInputSchema),
} as const;
