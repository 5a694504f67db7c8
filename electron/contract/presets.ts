/**
 * Saved publish presets and JSON Schemas per topic pattern. A preset is the publish form as
 * the user left it (strings, as typed), so loading one restores exactly what was saved.
 * Presets belong to a profile; a connection without one keeps them per broker (`host:port`),
 * where presets saved before profiles owned them (store version 1) also stay visible.
 */
import { z } from 'zod';
import { EmptyInput, QosSchema, TopicFilterSchema, request } from './common';
import { PayloadFormatSchema } from './payload';
import { ProfileIdSchema } from './profiles';
import { UserPropertiesSchema } from './properties';

/** The MQTT 5 property fields of the publish form, as typed; empty means "not sent". */
export const DraftPropertiesSchema = z
  .object({
    contentType: z.string().max(65535).default(''),
    payloadFormatIndicator: z.enum(['unset', 'utf8', 'bytes']).default('unset'),
    messageExpiryInterval: z.string().max(20).default(''),
    topicAlias: z.string().max(20).default(''),
    responseTopic: z.string().max(65535).default(''),
    correlationData: z.string().max(65535).default(''),
    correlationFormat: z.enum(['text', 'hex']).default('text'),
    userProperties: UserPropertiesSchema.default([]),
  })
  .strict();
export type DraftProperties = z.output<typeof DraftPropertiesSchema>;

export const PublishDraftSchema = z
  .object({
    topic: z.string().max(65535),
    format: PayloadFormatSchema,
    /** The payload as typed; templates are kept unexpanded. */
    text: z.string().max(16 * 1024 * 1024),
    qos: QosSchema,
    retain: z.boolean(),
    properties: DraftPropertiesSchema,
  })
  .strict();
export type PublishDraft = z.output<typeof PublishDraftSchema>;

export const PresetSchema = PublishDraftSchema.extend({
  name: z.string().trim().min(1, 'input.rule.presetName').max(200),
}).strict();
export type Preset = z.output<typeof PresetSchema>;

/** The broker of the connection on screen: `host:port`. */
export const BrokerKeySchema = z.string().min(1).max(600);
/** Whose presets: the profile's when the connection has one (its broker's old presets shown too). */
const PresetScope = z.object({ broker: BrokerKeySchema, profileId: ProfileIdSchema.optional() });

export const TopicSchemaSchema = z
  .object({
    /** An MQTT filter: the schema applies to every topic it matches. */
    pattern: TopicFilterSchema,
    /** The JSON Schema as text, so the dialog shows it exactly as it was written. */
    schema: z
      .string()
      .max(1024 * 1024)
      .superRefine((text, ctx) => {
        const problem = jsonSchemaTextProblem(text);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  })
  .strict();
export type TopicSchema = z.output<typeof TopicSchemaSchema>;

/** A JSON Schema must at least be a JSON object (or `true`/`false`). */
export function jsonSchemaTextProblem(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `The schema is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (typeof value === 'boolean') return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'A JSON Schema is an object, such as {"type": "object"}.';
  }
  return null;
}

export const presetRequests = {
  'presets.list': request<Preset[]>()(PresetScope.strict()),
  /** Saves (or replaces, by name) one preset; answers the scope's presets. */
  'presets.save': request<Preset[]>()(PresetScope.extend({ preset: PresetSchema }).strict()),
  'presets.delete': request<Preset[]>()(PresetScope.extend({ name: z.string().min(1).max(200) }).strict()),
  'topicSchemas.list': request<TopicSchema[]>()(
    EmptyInput.extend({ profileId: ProfileIdSchema.optional() }).strict(),
  ),
  /** Replaces the whole list: order matters, the first matching pattern wins. */
  'topicSchemas.save': request<TopicSchema[]>()(
    z
      .object({ schemas: z.array(TopicSchemaSchema).max(500), profileId: ProfileIdSchema.optional() })
      .strict(),
  ),
} as const;
