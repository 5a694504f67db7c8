/**
 * Publish history, kept per profile in the data folder (bounded, newest first). A
 * connection without a profile keeps its history in the page only.
 */
import { z } from 'zod';
import { QosSchema, TopicNameSchema, request } from './common';
import { PublishDraftSchema } from './presets';
import { PayloadInputSchema } from './payload';
import { PublishPropertiesSchema } from './publish';
import { ProfileIdSchema } from './profiles';

export const HISTORY_LIMIT_DEFAULT = 500;

export const HistoryEntrySchema = z
  .object({
    /** Epoch milliseconds. */
    at: z.number(),
    /** Exactly what went out (templates expanded): "Resend" sends it again as is. */
    message: z
      .object({
        topic: TopicNameSchema,
        payload: PayloadInputSchema,
        qos: QosSchema,
        retain: z.boolean(),
        properties: PublishPropertiesSchema.optional(),
      })
      .strict(),
    /**
     * The form as it was, for "Edit and resend". A picked file is format "file": its bytes
     * are the message's payload, its name is `fileName`.
     */
    draft: PublishDraftSchema.extend({
      format: z.enum(['text', 'json', 'hex', 'base64', 'file']),
      fileName: z.string().max(4096).optional(),
    }).strict(),
    size: z.number().int().min(0),
    outcome: z.string().max(4096),
    ok: z.boolean(),
  })
  .strict();
export type HistoryEntry = z.output<typeof HistoryEntrySchema>;

const OnProfile = z.object({ profileId: ProfileIdSchema }).strict();

export const historyRequests = {
  /** Newest first. */
  'history.list': request<HistoryEntry[]>()(OnProfile),
  /** Adds one entry first; the oldest beyond the limit go. */
  'history.append': request<{ count: number }>()(OnProfile.extend({ entry: HistoryEntrySchema }).strict()),
  'history.clear': request<{ removed: number }>()(OnProfile),
} as const;
