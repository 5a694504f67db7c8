import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ConnectionStatus } from '../../electron/contract';
import { clock } from './format';
import { keepaliveStore } from './keepalive-store';
import { RttChart } from './RttChart';

/** Ticks while shown: the countdown is the only thing here that changes without a packet. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * Keepalive as the broker sees it: what was asked, what the broker imposed, the last ping
 * exchange, and how long until the broker may drop the client (1.5 × keepalive after the
 * last packet it received from us).
 */
export function KeepalivePanel({ status }: { status: ConnectionStatus }) {
  const snapshot = useSyncExternalStore(keepaliveStore.subscribe, () =>
    keepaliveStore.get(status.connectionId),
  );
  const connected = status.state === 'connected';
  const now = useNow(connected);
  const imposed = status.connack?.serverKeepalive;
  const effective = imposed ?? status.keepaliveSeconds;
  const deadline =
    connected && effective > 0 && snapshot.lastOutAt !== null ? snapshot.lastOutAt + effective * 1500 : null;
  const left = deadline === null ? null : Math.max(0, deadline - now);

  return (
    <dl className="lab-facts" aria-label="Keepalive">
      <dt>Keepalive</dt>
      <dd>
        {status.keepaliveSeconds} s requested
        {imposed !== undefined && imposed !== status.keepaliveSeconds && (
          <span className="lab-imposed"> · broker imposed {imposed} s</span>
        )}
      </dd>
      <dt>Last PINGREQ</dt>
      <dd className="mono">{clock(snapshot.lastPingReqAt)}</dd>
      <dt>Last PINGRESP</dt>
      <dd className="mono">
        {clock(snapshot.lastPingRespAt)}
        {snapshot.lastPingRttMs !== null && <span className="muted"> ({snapshot.lastPingRttMs} ms)</span>}
      </dd>
      <dt>Ping RTT</dt>
      <dd>
        <RttChart rtts={snapshot.pingRtts} />
      </dd>
      <dt>Broker may drop</dt>
      <dd className="mono" role="timer" aria-label="Time until the broker may drop this client">
        {effective === 0 ? 'never (keepalive 0)' : left === null ? '—' : `in ${(left / 1000).toFixed(1)} s`}
      </dd>
    </dl>
  );
}
