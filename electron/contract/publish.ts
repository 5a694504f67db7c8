/** Publishing, its outcome, and the queue of messages not yet acknowledged. */
import { z } from 'zod';
import type { EngineText } from './engine-text';
import { OnConnection, QosSchema, TopicNameSchema, request } from './common';
import { PayloadInputSchema } from './payload';
import { MessagePropertiesSchema } from './properties';

export const PublishPropertiesSchema = MessagePropertiesSchema.omit({
  subscriptionIdentifiers: true,
}).strict();
export type PublishProperties = z.input<typeof PublishPropertiesSchema>;

export const PublishInputSchema = OnConnection.extend({
  topic: TopicNameSchema,
  payload: PayloadInputSchema,
  qos: QosSchema.default(0),
  retain: z.boolean().default(false),
  /** MQTT 5 only: refused on a 3.1/3.1.1 connection rather than silently dropped. */
  properties: PublishPropertiesSchema.optional(),
}).strict();
export type PublishInput = z.input<typeof PublishInputSchema>;

export interface PublishResult {
  /** Packet identifier for QoS 1 and 2, absent for QoS 0. */
  messageId?: number;
  /** PUBACK (QoS 1) or PUBREC/PUBCOMP (QoS 2) reason code; absent for QoS 0 and MQTT 3. */
  reasonCode?: number;
  /** The outcome as an engine text: "Sent (QoS 0: no acknowledgement).", "Acknowledged: PUBACK No matching subscribers (0x10)." */
  outcome: EngineText;
}

/**
 * Where an unanswered QoS 1/2 publish stands. `inFlight`: sent, awaiting PUBACK/PUBREC/PUBCOMP
 * (kept across a reconnect when the broker keeps the session). `waitingForQuota`: not sent yet,
 * because the broker's Receive Maximum (MQTT 5 §4.9) is reached; sent in order as acks free it.
 * `waitingForReconnect`: not sent yet, and the connection is down with a reconnect coming.
 */
export type QueuedPublishState = 'inFlight' | 'waitingForQuota' | 'waitingForReconnect';

export interface QueuedPublish {
  /** Packet identifier; absent while it waits for quota (an identifier is taken when sent). */
  messageId?: number;
  topic: string;
  qos: 1 | 2;
  size: number;
  state: QueuedPublishState;
  /** QoS 2 only: PUBREC came and PUBREL went; only PUBCOMP is missing. */
  released?: boolean;
  /** Epoch milliseconds when it was requested. */
  queuedAt: number;
  /** Epoch milliseconds when it was first sent; absent while waiting for quota. */
  sentAt?: number;
}

export const publishRequests = {
  'message.publish': request<PublishResult>()(PublishInputSchema),
  /** QoS 1 and 2 publish requests not yet answered, in order: in flight, then waiting for quota. */
  'publish.queue': request<QueuedPublish[]>()(OnConnection),
  /** Gives up on every unanswered message; their publish requests fail with "removed". */
  'publish.clearQueue': request<{ removed: number }>()(OnConnection),
} as const;
