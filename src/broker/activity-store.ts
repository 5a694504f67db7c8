import type { LocalBrokerActivity } from '../../electron/contract';
import { createValueStore } from '../api/store';

/**
 * The broker's counters, outside React state: they change up to twice a second and only
 * the counters line needs to re-render for them.
 */
export const brokerActivity = createValueStore<LocalBrokerActivity | null>(null);
