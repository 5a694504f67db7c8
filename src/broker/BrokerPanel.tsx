import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { brokerActivity } from './activity-store';
import { useTransportStatus } from '../api/use-transport-status';
import { BuiltInBrokerDeviations } from '../check/BuiltInBrokerDeviations';
import {
  DEFAULT_BROKER_FORM,
  chosenEngine,
  type BrokerFieldProblems,
  type BrokerFormValues,
} from './broker-form-values';
import { useBrokerStatus } from './broker-queries';
import { BrokerStartForm } from './BrokerStartForm';
import { RunningBroker } from './RunningBroker';
import { useBrokerFeed } from './use-broker-feed';
import './broker.css';

/**
 * MQScope's own broker, in a collapsible sidebar section: start it, connect to it in one
 * click, and watch who is connected and what is retained.
 */
export function BrokerPanel() {
  const { t } = useTranslation();
  useBrokerFeed();
  const transportOpen = useTransportStatus().state === 'open';
  const status = useBrokerStatus(transportOpen).data;
  // The form lives here so its values (and the password) survive a start/stop round trip.
  const [values, setValues] = useState<BrokerFormValues>(DEFAULT_BROKER_FORM);
  const [problems, setProblems] = useState<BrokerFieldProblems>({});
  // A window opened while the broker runs starts from the counters the status answer carries.
  const seed = status?.activity;
  useEffect(() => {
    if (seed && brokerActivity.getSnapshot() === null) brokerActivity.set(seed);
  }, [seed]);
  const state = status?.state ?? 'stopped';
  const up = state === 'running' || state === 'stopping';
  const listening =
    up && status?.listeners ? t('broker.panel.listening', { port: status.listeners.tcpPort }) : '';

  return (
    <details className="sidebar-section broker-panel" open>
      <summary>
        <h2 className="section-title">{t('broker.panel.title')}</h2>
        <span
          className={`broker-state state-${up ? 'connected' : state === 'failed' ? 'failed' : 'idle'}`}
          role="status"
          aria-label={t('broker.panel.status')}
        >
          <span className="status-dot" aria-hidden="true" />
          {t(`broker.state.${state}`)}
          {listening}
        </span>
      </summary>
      {up && status ? (
        <RunningBroker status={status} password={values.password} />
      ) : (
        <BrokerStartForm
          values={values}
          onChange={setValues}
          problems={problems}
          onProblems={setProblems}
          status={status}
        />
      )}
      {(up ? status?.engine !== 'mosquitto' : chosenEngine(values, status) === 'built-in') && (
        <BuiltInBrokerDeviations />
      )}
    </details>
  );
}
