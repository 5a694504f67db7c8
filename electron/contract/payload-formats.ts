/**
 * A profile's payload formats: the codec bound to each topic filter (first match wins), the
 * `.proto` files Protobuf bindings use, and (in presets.ts) the JSON Schemas per topic.
 * Kept with the presets in one store, per profile (issue 12 #1, issue 13 #1).
 */
import { z } from 'zod';
import { CODEC_IDS } from '../codecs/types';
import { TopicFilterSchema, request } from './common';
import { ProfileIdSchema } from './profiles';
import { TopicSchemaSchema, type TopicSchema } from './presets';

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

export const payloadFormatRequests = {
  'payloadFormats.get': request<PayloadFormats>()(FormatsScopeSchema),
  /**
   * Replaces the scope's formats. `.proto` files that do not parse (or miss an import) are
   * refused with file, line and column; nothing is saved then.
   */
  'payloadFormats.save': request<PayloadFormats>()(PayloadFormatsInputSchema),
} as const;
