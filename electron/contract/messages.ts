/** Subscriptions, publishing, and the messages the engine pushes. */
import { z } from 'zod';
import {
  ConnectionIdSchema,
  OnConnection,
  QosSchema,
  TopicFilterSchema,
  TopicNameSchema,
  request,
} from './common';
import type { Qos } from './common';

export const ReceivedMessageSchema = z.object({
  topic: z.string(),
  /** Raw bytes, copied off the socket: any message can be re-decoded later. */
  payload: z.instanceof(Uint8Array),
  qos: QosSchema,
  retain: z.boolean(),
  /** Epoch milliseconds at which the engine received it. */
  receivedAt: z.number(),
});
export type ReceivedMessage = z.infer<typeof ReceivedMessageSchema>;

export interface SubscribeResult {
  filter: string;
  /** QoS the broker granted, or null when it refused the subscription. */
  grantedQos: Qos | null;
  reasonCode: number;
}

export interface PublishResult {
  /** Packet identifier for QoS 1 and 2, absent for QoS 0. */
  messageId?: number;
}

export const messageRequests = {
  'subscription.add': request<SubscribeResult>()(
    OnConnection.extend({ filter: TopicFilterSchema, qos: QosSchema.default(0) }).strict(),
  ),
  'subscription.remove': request<{ filter: string }>()(
    OnConnection.extend({ filter: TopicFilterSchema }).strict(),
  ),
  'message.publish': request<PublishResult>()(
    OnConnection.extend({
      topic: TopicNameSchema,
      payload: z.string(),
      qos: QosSchema.default(0),
      retain: z.boolean().default(false),
    }).strict(),
  ),
} as const;

export const messageEvents = {
  /** Messages in batches (at most about 20 a second per connection), never one event each. */
  'messages.batch': z.object({
    connectionId: ConnectionIdSchema,
    messages: z.array(ReceivedMessageSchema),
  }),
} as const;
