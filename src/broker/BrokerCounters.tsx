import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { brokerActivity } from './activity-store';
import { formatBytes, formatCount } from '../i18n/format';

/** Live traffic since the broker started; re-renders alone, at most twice a second. */
export function BrokerCounters() {
  const { t } = useTranslation();
  const activity = useSyncExternalStore(brokerActivity.subscribe, brokerActivity.getSnapshot);
  return (
    <dl className="broker-counters" aria-label={t('broker.counters.label')}>
      <div>
        <dt>{t('broker.counters.messagesIn')}</dt>
        <dd className="mono">{formatCount(activity?.messagesIn ?? 0)}</dd>
      </div>
      <div>
        <dt>{t('broker.counters.messagesOut')}</dt>
        <dd className="mono">{formatCount(activity?.messagesOut ?? 0)}</dd>
      </div>
      <div>
        <dt>{t('broker.counters.bytesIn')}</dt>
        <dd className="mono">{formatBytes(activity?.bytesIn ?? 0)}</dd>
      </div>
      <div>
        <dt>{t('broker.counters.bytesOut')}</dt>
        <dd className="mono">{formatBytes(activity?.bytesOut ?? 0)}</dd>
      </div>
    </dl>
  );
}
