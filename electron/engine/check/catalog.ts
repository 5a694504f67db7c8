/** Every check, in the order reports list them. */
import type { CheckDef } from './check-def';
import { deliveryChecks } from './delivery';
import { keepaliveChecks } from './keepalive';
import { retainedChecks } from './retained';
import { sessionChecks } from './sessions';
import { subscriptionChecks } from './subscriptions';
import { willChecks } from './will';

export const ALL_CHECKS: CheckDef[] = [
  ...deliveryChecks,
  ...retainedChecks,
  ...willChecks,
  ...keepaliveChecks,
  ...sessionChecks,
  ...subscriptionChecks,
];
