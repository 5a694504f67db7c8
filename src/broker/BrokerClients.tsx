import { Trans, useTranslation } from 'react-i18next';
import { useBrokerClients } from './broker-queries';

/** Who is connected right now, as the broker sees them. */
export function BrokerClients({ running }: { running: boolean }) {
  const { t } = useTranslation();
  const clients = useBrokerClients(running).data ?? [];
  const titleId = 'broker-clients-title';
  return (
    <section className="broker-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="broker-subtitle">
        {t('broker.clients.title')} <span className="muted">{clients.length}</span>
      </h3>
      {clients.length === 0 ? (
        <p className="muted">{t('broker.clients.none')}</p>
      ) : (
        <ul className="broker-list" aria-label={t('broker.clients.label')}>
          {clients.map((c) => (
            <li key={`${c.clientId}-${c.connectedAt}-${c.address}`} className="broker-item">
              <div className="broker-item-head">
                <span className="mono broker-item-name" title={c.clientId}>
                  {c.clientId}
                </span>
                <span className="tag">{c.transport === 'ws' ? 'WS' : 'TCP'}</span>
                <span className="tag">
                  {c.protocolVersion === 5 ? 'v5' : c.protocolVersion === 4 ? 'v3.1.1' : 'v3.1'}
                </span>
              </div>
              <div className="broker-item-facts muted">
                <span className="mono">{c.address}</span>
                <span>{t('broker.clients.keepalive', { value: c.keepaliveSeconds })}</span>
                {c.willTopic !== undefined && (
                  <span title={c.willTopic}>
                    <Trans
                      i18nKey="broker.clients.will"
                      values={{ topic: c.willTopic }}
                      components={{ topic: <span className="mono" /> }}
                    />
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
