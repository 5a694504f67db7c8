import { useTranslation } from 'react-i18next';
import type { LocalBrokerStatus } from '../../electron/contract';
import { errorText } from '../api/client';
import { BrokerClients } from './BrokerClients';
import { BrokerCounters } from './BrokerCounters';
import { useStopBroker } from './broker-queries';
import { ConnectToLocalBroker } from './ConnectToLocalBroker';
import { MosquittoLog } from './MosquittoLog';
import { RetainedList } from './RetainedList';

interface Props {
  status: LocalBrokerStatus;
  password: string;
}

/** Where the broker listens, the one-click connect, Stop, traffic, clients and retained. */
export function RunningBroker({ status, password }: Props) {
  const { t } = useTranslation();
  const stop = useStopBroker();
  const listeners = status.listeners;
  const running = status.state === 'running';
  const exposed = listeners?.bindAddress === '0.0.0.0';
  return (
    <div className="broker-running">
      {listeners && (
        <dl className="status-facts broker-urls" aria-label={t('broker.running.addresses')}>
          <dt>TCP</dt>
          <dd className="mono">
            mqtt://{listeners.bindAddress}:{listeners.tcpPort}
          </dd>
          <dt>WebSocket</dt>
          <dd className="mono">
            ws://{listeners.bindAddress}:{listeners.wsPort}
            {listeners.wsPath}
          </dd>
          <dt>{t('broker.running.login')}</dt>
          <dd>
            {status.username ? <span className="mono">{status.username}</span> : t('broker.running.anyone')}
          </dd>
          <dt>MQTT</dt>
          <dd>{status.protocolVersions.join(', ')}</dd>
          <dt>{t('check.localBroker.engine.label')}</dt>
          <dd>
            {t(
              status.engine === 'mosquitto'
                ? 'check.localBroker.engine.mosquittoShort'
                : 'check.localBroker.engine.builtIn',
            )}
          </dd>
        </dl>
      )}
      {exposed && (
        <p className="broker-warning" role="note">
          {t('broker.running.exposed')}
        </p>
      )}
      <div className="button-row">
        <ConnectToLocalBroker status={status} password={password} />
        <button
          type="button"
          aria-disabled={!running || stop.isPending}
          onClick={() => running && !stop.isPending && stop.mutate()}
        >
          {t('broker.running.stop')}
        </button>
      </div>
      {stop.isError && (
        <p className="field-problem" role="alert">
          {errorText(stop.error)}
        </p>
      )}
      {status.engine === 'mosquitto' ? (
        // Mosquitto runs apart: what it does shows in its own log, not in aedes' counters.
        <MosquittoLog running={running} />
      ) : (
        <>
          <BrokerCounters />
          <BrokerClients running={running} />
          <RetainedList running={running} />
        </>
      )}
    </div>
  );
}
