import { useBrokerClients } from './broker-queries';

/** Who is connected right now, as the broker sees them. */
export function BrokerClients({ running }: { running: boolean }) {
  const clients = useBrokerClients(running).data ?? [];
  const titleId = 'broker-clients-title';
  return (
    <section className="broker-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="broker-subtitle">
        Clients <span className="muted">{clients.length}</span>
      </h3>
      {clients.length === 0 ? (
        <p className="muted">No client is connected.</p>
      ) : (
        <ul className="broker-list" aria-label="Connected clients">
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
                <span>keepalive {c.keepaliveSeconds} s</span>
                {c.willTopic !== undefined && (
                  <span title={c.willTopic}>
                    will <span className="mono">{c.willTopic}</span>
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
