/** The messages the engine receives and pushes to the renderer. */
import { z } from 'zod';
import { ConnectionIdSchema, QosSchema } from './common';
import { MessagePropertiesSchema } from './properties';

export const ReceivedMessageSchema = z.object({
  topic: z.string(),
  /** Raw bytes, copied off the socket: any message can be re-decoded later. */
  payload: z.instanceof(Uint8Array),
  qos: QosSchema,
  retain: z.boolean(),
  /** MQTT 5 properties, when the message carried any. */
  properties: MessagePropertiesSchema.optional(),
  /** Epoch milliseconds at which the engine received it. */
  receivedAt: z.number(),
});
export type ReceivedMessage = z.infer<typeof ReceivedMessageSchema>;

export const messageRequests = {} as const;

export const messageEvents = {
  /** Messages in batches (at most about 20 a second per connection), never one event each. */
  'messages.batch': z.object({
    connectionId: ConnectionIdSchema,
    messages: z.array(ReceivedMessageSchema),
  }),
} as const;
