import { useId, useState, type FormEvent } from 'react';
import { topicFilterProblem, type Qos } from '../../electron/contract';
import { errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { invalidProps, ScreenReaderOnly } from '../ui/field';
import { QosSelect } from '../ui/QosSelect';
import { useSubscriptions } from './use-subscriptions';

export function SubscriptionsBar() {
  const { connectionId, status } = useCurrentConnection();
  const connected = status?.state === 'connected';
  // A closed connection's subscriptions died with its session: show none.
  const { list, subscribe, unsubscribe } = useSubscriptions(connected ? connectionId : null);
  const [filter, setFilter] = useState('');
  const [qos, setQos] = useState<Qos>(0);
  const [problem, setProblem] = useState<string | null>(null);
  const filterId = useId();
  const qosId = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const filterProblem = topicFilterProblem(filter);
    if (filterProblem) return setProblem(filterProblem);
    if (!connectionId || !connected) return setProblem('Connect to a broker first.');
    setProblem(null);
    subscribe.mutate({ connectionId, filter, qos });
  };

  const serverProblem = subscribe.isError ? errorText(subscribe.error) : null;
  const unsubscribeProblem = unsubscribe.isError ? errorText(unsubscribe.error) : null;
  const shownProblem = problem ?? serverProblem;

  return (
    <section className="subscriptions" aria-labelledby="subscriptions-title">
      <form className="subscribe-form" onSubmit={onSubmit} noValidate>
        <h2 id="subscriptions-title" className="section-title">
          Subscriptions
        </h2>
        <label htmlFor={filterId}>Topic filter</label>
        <input
          {...invalidProps(filterId, shownProblem)}
          className="mono subscribe-filter"
          value={filter}
          placeholder="sensors/+/temperature or #"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setFilter(e.target.value);
            setProblem(null);
            subscribe.reset();
          }}
        />
        <label htmlFor={qosId}>
          <ScreenReaderOnly>Subscription </ScreenReaderOnly>QoS
        </label>
        <QosSelect id={qosId} value={qos} onChange={setQos} />
        <button type="submit" className="button-primary" disabled={subscribe.isPending}>
          Subscribe
        </button>
        {shownProblem && (
          <span id={`${filterId}-problem`} className="field-problem inline-problem">
            {shownProblem}
          </span>
        )}
      </form>
      <div className="subscription-row">
        <ul className="subscription-list" aria-label="Subscriptions">
          {list.map((s) => (
            <li key={s.filter} className="chip">
              <span className="mono chip-text" title={s.filter}>
                {s.filter}
              </span>
              <span className="chip-qos" title={`Granted QoS ${s.grantedQos}`}>
                QoS {s.grantedQos}
              </span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Unsubscribe ${s.filter}`}
                title={`Unsubscribe ${s.filter}`}
                disabled={unsubscribe.isPending && unsubscribe.variables.filter === s.filter}
                onClick={() => connectionId && unsubscribe.mutate({ connectionId, filter: s.filter })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        {list.length === 0 && (
          <span className="muted">
            {connected ? 'No subscriptions yet.' : 'Not connected: no subscriptions.'}
          </span>
        )}
        {unsubscribeProblem && <span className="field-problem">{unsubscribeProblem}</span>}
      </div>
    </section>
  );
}
