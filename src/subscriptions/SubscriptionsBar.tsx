import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { topicFilterProblem, type Qos, type Subscription } from '../../electron/contract';
import { errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { invalidProps, ScreenReaderOnly } from '../ui/field';
import { QosSelect } from '../ui/QosSelect';
import { SubscriptionChip } from './SubscriptionChip';
import { nextSubscriptionColor } from './subscription-colors';
import { SubscriptionLabelFields } from './SubscriptionLabelFields';
import {
  SubscriptionOptions,
  DEFAULT_SUBSCRIPTION_OPTIONS,
  type SubscriptionOptionValues,
} from './SubscriptionOptions';
import { subscriptionIdProblem } from './subscription-words';
import { useSubscriptions } from './use-subscriptions';
import { engineText } from '../i18n/engine-text';

export function SubscriptionsBar() {
  const { t } = useTranslation();
  const { connectionId, status } = useCurrentConnection();
  const connected = status?.state === 'connected';
  const live = connected || status?.state === 'reconnecting';
  const v5 = status?.protocolVersion === '5.0';
  // A closed connection's subscriptions died with its session: show none.
  const { list, subscribe, unsubscribe } = useSubscriptions(connectionId, live);
  const [filter, setFilter] = useState('');
  const [qos, setQos] = useState<Qos>(0);
  const [options, setOptions] = useState<SubscriptionOptionValues>(DEFAULT_SUBSCRIPTION_OPTIONS);
  const [showOptions, setShowOptions] = useState(false);
  // null: the next colour no subscription uses yet.
  const [pickedColor, setColor] = useState<string | null>(null);
  const [alias, setAlias] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const filterId = useId();
  const qosId = useId();
  const optionsId = useId();

  const idProblem = v5 ? subscriptionIdProblem(options.subscriptionIdentifier) : null;
  const color = pickedColor ?? nextSubscriptionColor(list.map((s) => s.color));
  // The same filter again replaces the subscription: an edit.
  const editing = list.some((s) => s.filter === filter);

  const edit = (s: Subscription) => {
    setFilter(s.filter);
    setQos(s.options.qos);
    setOptions({
      noLocal: s.options.noLocal,
      retainAsPublished: s.options.retainAsPublished,
      retainHandling: s.options.retainHandling,
      subscriptionIdentifier: s.options.subscriptionIdentifier?.toString() ?? '',
    });
    setColor(s.color ?? null);
    setAlias(s.alias ?? '');
    setProblem(null);
    subscribe.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const filterProblem = topicFilterProblem(filter);
    if (filterProblem) return setProblem(engineText(filterProblem));
    if (idProblem) return setShowOptions(true);
    if (!connectionId || !connected) return setProblem(t('subscriptions.connectFirst'));
    setProblem(null);
    const id = options.subscriptionIdentifier.trim();
    const name = alias.trim();
    subscribe.mutate(
      {
        connectionId,
        filter,
        qos,
        color,
        ...(name !== '' && { alias: name }),
        // MQTT 3 has none of these options: send none rather than have them refused.
        ...(v5 && {
          noLocal: options.noLocal,
          retainAsPublished: options.retainAsPublished,
          retainHandling: options.retainHandling,
          ...(id !== '' && { subscriptionIdentifier: Number(id) }),
        }),
      },
      {
        onSuccess: () => {
          setColor(null);
          setAlias('');
        },
      },
    );
  };

  const serverProblem = subscribe.isError ? errorText(subscribe.error) : null;
  const unsubscribeProblem = unsubscribe.isError ? errorText(unsubscribe.error) : null;
  // Checked as you type (an empty field is not a mistake yet); Subscribe checks it again.
  const typedText = filter === '' ? null : topicFilterProblem(filter);
  const typedProblem = typedText ? engineText(typedText) : null;
  const shownProblem = problem ?? typedProblem ?? serverProblem;

  return (
    <section className="subscriptions" aria-labelledby="subscriptions-title">
      <form className="subscribe-form" onSubmit={onSubmit} noValidate>
        <h2 id="subscriptions-title" className="section-title">
          {t('subscriptions.title')}
        </h2>
        <label htmlFor={filterId}>{t('subscriptions.filter')}</label>
        <input
          {...invalidProps(filterId, shownProblem)}
          className="mono subscribe-filter"
          value={filter}
          placeholder={t('subscriptions.filterPlaceholder')}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setFilter(e.target.value);
            setProblem(null);
            subscribe.reset();
          }}
        />
        <label htmlFor={qosId}>
          <ScreenReaderOnly>{t('subscriptions.srPrefix')}</ScreenReaderOnly>
          {t('subscriptions.qos')}
        </label>
        <QosSelect id={qosId} value={qos} onChange={setQos} />
        <SubscriptionLabelFields color={color} alias={alias} onColor={setColor} onAlias={setAlias} />
        <button
          type="button"
          className={idProblem ? 'options-toggle has-problem' : 'options-toggle'}
          aria-expanded={showOptions}
          aria-controls={optionsId}
          onClick={() => setShowOptions((s) => !s)}
        >
          <ScreenReaderOnly>{t('subscriptions.srPrefix')}</ScreenReaderOnly>
          {t('subscriptions.options')}
          <span className="options-caret" aria-hidden="true" />
        </button>
        <button type="submit" className="button-primary" disabled={subscribe.isPending}>
          {editing ? t('subscriptions.update') : t('subscriptions.subscribe')}
        </button>
        {shownProblem && (
          <span id={`${filterId}-problem`} className="field-problem inline-problem">
            {shownProblem}
          </span>
        )}
        {showOptions && (
          <SubscriptionOptions
            id={optionsId}
            values={options}
            onChange={setOptions}
            enabled={v5 || !connected}
            idProblem={idProblem}
          />
        )}
      </form>
      <div className="subscription-row">
        <ul className="subscription-list" aria-label={t('subscriptions.title')}>
          {list.map((s) => (
            <SubscriptionChip
              key={s.filter}
              subscription={s}
              removing={unsubscribe.isPending && unsubscribe.variables.filter === s.filter}
              onRemove={() => connectionId && unsubscribe.mutate({ connectionId, filter: s.filter })}
              onEdit={() => edit(s)}
            />
          ))}
        </ul>
        {list.length === 0 && (
          <span className="muted">
            {connected ? t('subscriptions.none') : t('subscriptions.notConnected')}
          </span>
        )}
        {unsubscribeProblem && <span className="field-problem">{unsubscribeProblem}</span>}
      </div>
    </section>
  );
}
