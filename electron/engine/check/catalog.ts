/** Every check, in the order reports list them. */
import type { CheckDef } from './check-def';
import { clientIdChecks } from './client-ids';
import { deliveryChecks } from './delivery';
import { dollarTopicChecks } from './dollar-topics';
import { keepaliveChecks } from './keepalive';
import { limitChecks } from './limits';
import { propertyChecks } from './mqtt5-properties';
import { retainedChecks } from './retained';
import { sessionChecks } from './sessions';
import { sharedSubscriptionChecks } from './shared-subscriptions';
import { subscriptionChecks } from './subscriptions';
import { willChecks } from './will';

export const ALL_CHECKS: CheckDef[] = [
  ...deliveryChecks,
  ...retainedChecks,
  ...willChecks,
  ...keepaliveChecks,
  ...sessionChecks,
  ...clientIdChecks,
  ...subscriptionChecks,
  ...dollarTopicChecks,
  ...propertyChecks,
  ...sharedSubscriptionChecks,
  ...limitChecks,
];
