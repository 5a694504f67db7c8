import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../../electron/contract';
import { connackFacts } from './connack-facts';

/** The last CONNACK of the shown connection: what the broker agreed to, and its limits. */
export function ConnackPanel({ status }: { status: ConnectionStatus | undefined }) {
  const { t } = useTranslation();
  const connack = status?.connack;
  if (!status || !connack) return null;
  return (
    <section className="connack" aria-labelledby="connack-title">
      <h3 id="connack-title" className="section-title">
        CONNACK
      </h3>
      <dl className="connack-facts">
        {connackFacts(connack, status.protocolVersion).map((fact) => (
          <div key={fact.label} className={fact.implied ? 'fact is-implied' : 'fact'}>
            <dt>{fact.label}</dt>
            <dd className="mono" title={fact.implied ? t('connections.connack.impliedTitle') : fact.value}>
              {fact.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
