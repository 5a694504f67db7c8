/** Subscriptions. */
import { OnConnection, QosSchema, TopicFilterSchema, request } from './common';
import type { Qos } from './common';

export interface SubscribeResult {
  filter: string;
  /** QoS the broker granted, or null when it refused the subscription. */
  grantedQos: Qos | null;
  reasonCode: number;
}

export const subscriptionRequests = {
  'subscription.add': request<SubscribeResult>()(
    OnConnection.extend({ filter: TopicFilterSchema, qos: QosSchema.default(0) }).strict(),
  ),
  'subscription.remove': request<{ filter: string }>()(
    OnConnection.extend({ filter: TopicFilterSchema }).strict(),
  ),
} as const;
