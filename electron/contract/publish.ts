/** Publishing. */
import { z } from 'zod';
import { OnConnection, QosSchema, TopicNameSchema, request } from './common';

export interface PublishResult {
  /** Packet identifier for QoS 1 and 2, absent for QoS 0. */
  messageId?: number;
}

export const publishRequests = {
  'message.publish': request<PublishResult>()(
    OnConnection.extend({
      topic: TopicNameSchema,
      payload: z.string(),
      qos: QosSchema.default(0),
      retain: z.boolean().default(false),
    }).strict(),
  ),
} as const;
