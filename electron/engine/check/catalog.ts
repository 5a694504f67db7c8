/** Every check, in the order reports list them. */
import type { CheckDef } from './check-def';
import { deliveryChecks } from './delivery';
import { retainedChecks } from './retained';

export const ALL_CHECKS: CheckDef[] = [...deliveryChecks, ...retainedChecks];
