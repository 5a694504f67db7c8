/** MQTT 5 message properties, as they are published and as they arrive (MQTT 5 §3.3.2.3). */
import { z } from 'zod';
import { TopicNameSchema } from './common';

/** Ordered key/value pairs: MQTT allows the same key more than once, and order is kept. */
export const UserPropertiesSchema = z.array(z.object({ key: z.string(), value: z.string() })).max(1024);
export type UserProperties = z.infer<typeof UserPropertiesSchema>;

const UINT32_MAX = 0xffff_ffff;

export const MessagePropertiesSchema = z.object({
  /** true: the payload is UTF-8 text; false: unspecified bytes. */
  payloadFormatIndicator: z.boolean().optional(),
  /** Seconds after which the broker discards the message if it was not delivered. */
  messageExpiryInterval: z.number().int().min(0).max(UINT32_MAX).optional(),
  topicAlias: z.number().int().min(1).max(65535).optional(),
  responseTopic: TopicNameSchema.optional(),
  correlationData: z.instanceof(Uint8Array).optional(),
  userProperties: UserPropertiesSchema.optional(),
  contentType: z.string().max(65535).optional(),
  /** Only on received messages: which subscriptions matched (by identifier). */
  subscriptionIdentifiers: z.array(z.number().int().min(1)).optional(),
});
export type MessageProperties = z.infer<typeof MessagePropertiesSchema>;
