/**
 * Repeat publishing, run by the engine: every N ms, K times or until stopped. The engine
 * owns the loop so a slow or hidden renderer cannot stretch the interval, and it reports
 * progress a few times a second, never once per message.
 */
import { z } from 'zod';
import { EngineTextSchema } from './engine-text';
import { ConnectionIdSchema, QosSchema, TopicNameSchema, request } from './common';
import { PayloadInputSchema } from './payload';
import { PublishPropertiesSchema } from './publish';

export const RepeatStartSchema = z
  .object({
    connectionId: ConnectionIdSchema,
    topic: TopicNameSchema,
    /** Text formats may hold template variables: each message is expanded on its own. */
    payload: PayloadInputSchema,
    qos: QosSchema.default(0),
    retain: z.boolean().default(false),
    properties: PublishPropertiesSchema.optional(),
    intervalMs: z.number().int().min(1).max(86_400_000),
    /** Absent: until stopped (or the connection goes). */
    count: z.number().int().min(1).max(10_000_000).optional(),
    /** {{counter}} of the first message. */
    counterStart: z.number().int().min(0).default(1),
  })
  .strict();
export type RepeatStart = z.input<typeof RepeatStartSchema>;

export const RepeatStateSchema = z.enum(['running', 'finished', 'stopped', 'failed']);
export type RepeatState = z.infer<typeof RepeatStateSchema>;

export const RepeatProgressSchema = z.object({
  repeatId: z.string(),
  connectionId: ConnectionIdSchema,
  state: RepeatStateSchema,
  /** Messages the broker took (or that were written, for QoS 0). */
  sent: z.number().int(),
  failed: z.number().int(),
  total: z.number().int().optional(),
  /** The outcome of the latest publish, or why the repeat ended. */
  detail: EngineTextSchema,
});
export type RepeatProgress = z.infer<typeof RepeatProgressSchema>;

export const repeatRequests = {
  'publish.repeat.start': request<RepeatProgress>()(RepeatStartSchema),
  'publish.repeat.stop': request<RepeatProgress>()(
    z.object({ repeatId: z.string().min(1).max(64) }).strict(),
  ),
} as const;

export const repeatEvents = {
  /** At most a few per second per repeat, plus one when it ends. */
  'publish.repeat.progress': RepeatProgressSchema,
} as const;
