import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../../electron/contract';
import { formatClock, formatSeconds } from '../i18n/format';
import { useActivityShown } from '../workbench/activity-shown';
import { keepaliveStore } from './keepalive-store';
import { RttChart } from './RttChart';

/** Ticks while connected and on screen: the countdown is the only thing here that changes without a packet. */
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
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(keepaliveStore.subscribe, () =>
    keepaliveStore.get(status.connectionId),
  );
  const connected = status.state === 'connected';
  const shown = useActivityShown();
  const now = useNow(connected && shown);
  const imposed = status.connack?.serverKeepalive;
  const effective = imposed ?? status.keepaliveSeconds;
  const deadline =
    connected && effective > 0 && snapshot.lastOutAt !== null ? snapshot.lastOutAt + effective * 1500 : null;
  const left = deadline === null ? null : Math.max(0, deadline - now);

  return (
    <dl className="lab-facts" aria-label={t('lab.keepalive.title')}>
      <dt>{t('lab.keepalive.title')}</dt>
      <dd>
        {t('lab.keepalive.requested', { value: status.keepaliveSeconds })}
        {imposed !== undefined && imposed !== status.keepaliveSeconds && (
          <span className="lab-imposed">{t('lab.keepalive.imposed', { value: imposed })}</span>
        )}
      </dd>
      <dt>{t('lab.keepalive.lastPingReq')}</dt>
      <dd className="mono">{formatClock(snapshot.lastPingReqAt)}</dd>
      <dt>{t('lab.keepalive.lastPingResp')}</dt>
      <dd className="mono">
        {formatClock(snapshot.lastPingRespAt)}
        {snapshot.lastPingRttMs !== null && (
          <span className="muted">{t('lab.keepalive.rtt', { value: snapshot.lastPingRttMs })}</span>
        )}
      </dd>
      <dt>{t('lab.keepalive.pingRtt')}</dt>
      <dd>
        <RttChart rtts={snapshot.pingRtts} />
      </dd>
      <dt>{t('lab.keepalive.mayDrop')}</dt>
      <dd className="mono" role="timer" aria-label={t('lab.keepalive.mayDropLabel')}>
        {effective === 0
          ? t('lab.keepalive.never')
          : left === null
            ? '—'
            : t('lab.keepalive.in', { value: formatSeconds(left) })}
      </dd>
    </dl>
  );
}
