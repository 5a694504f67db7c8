import { useSyncExternalStore } from 'react';
import { brokerActivity } from './activity-store';
import { formatBytes, formatCount } from './format';

/** Live traffic since the broker started; re-renders alone, at most twice a second. */
export function BrokerCounters() {
  const activity = useSyncExternalStore(brokerActivity.subscribe, brokerActivity.getSnapshot);
  return (
    <dl className="broker-counters" aria-label="Broker traffic">
      <div>
        <dt>Messages in</dt>
        <dd className="mono">{formatCount(activity?.messagesIn ?? 0)}</dd>
      </div>
      <div>
        <dt>Messages out</dt>
        <dd className="mono">{formatCount(activity?.messagesOut ?? 0)}</dd>
      </div>
      <div>
        <dt>Bytes in</dt>
        <dd className="mono">{formatBytes(activity?.bytesIn ?? 0)}</dd>
      </div>
      <div>
        <dt>Bytes out</dt>
        <dd className="mono">{formatBytes(activity?.bytesOut ?? 0)}</dd>
      </div>
    </dl>
  );
}
