/** Subscriptions, with MQTT 5 options, and what the broker answered for each. */
import { z } from 'zod';
import { EngineTextSchema } from './engine-text';
import { ConnectionIdSchema, OnConnection, QosSchema, TopicFilterSchema, request } from './common';

export const SubscribeOptionsSchema = z
  .object({
    qos: QosSchema.default(0),
    /** MQTT 5: do not send me my own messages. */
    noLocal: z.boolean().default(false),
    /** MQTT 5: keep the retain flag as published instead of clearing it on live delivery. */
    retainAsPublished: z.boolean().default(false),
    /** MQTT 5: 0 send retained on subscribe, 1 only for a new subscription, 2 never. */
    retainHandling: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    /** MQTT 5: echoed on every message this subscription matches. */
    subscriptionIdentifier: z.number().int().min(1).max(268_435_455).optional(),
  })
  .strict();
export type SubscribeOptions = z.input<typeof SubscribeOptionsSchema>;

/** A CSS hex colour, "#rgb" to "#rrggbbaa". */
export const SubscriptionColorSchema = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, 'input.rule.colour');

/** How a subscription is shown (MQTTX-style): a colour, and an alias shown instead of the filter. */
export const SubscriptionLabelSchema = z
  .object({
    color: SubscriptionColorSchema.optional(),
    alias: z.string().max(200).optional(),
  })
  .strict();
export type SubscriptionLabel = z.infer<typeof SubscriptionLabelSchema>;

export const SubscriptionSchema = z.object({
  filter: z.string(),
  options: SubscribeOptionsSchema,
  ...SubscriptionLabelSchema.shape,
  /** pending until SUBACK; refused is never shown as a success. */
  state: z.enum(['pending', 'active', 'refused']),
  grantedQos: QosSchema.nullable(),
  reasonCode: z.number().nullable(),
  /** The SUBACK result in words ("Granted QoS 1", "Not authorized (0x87)"). */
  reasonText: EngineTextSchema,
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

export const subscriptionRequests = {
  /**
   * Resolves with the SUBACK result; a refusal is a result (state "refused"), not an error.
   * The same filter again replaces the subscription (an edit). On a connection opened from
   * a profile, the profile keeps it (and forgets it on `subscription.remove`).
   */
  'subscription.add': request<Subscription>()(
    OnConnection.extend({
      filter: TopicFilterSchema,
      ...SubscribeOptionsSchema.shape,
      ...SubscriptionLabelSchema.shape,
    }).strict(),
  ),
  'subscription.remove': request<{ filter: string; reasonCode: number | null }>()(
    OnConnection.extend({ filter: TopicFilterSchema }).strict(),
  ),
  'subscription.list': request<Subscription[]>()(OnConnection),
} as const;

export const subscriptionEvents = {
  /** The whole list for one connection, whenever it changes (it is short). */
  'subscriptions.changed': z.object({
    connectionId: ConnectionIdSchema,
    subscriptions: z.array(SubscriptionSchema),
  }),
} as const;
