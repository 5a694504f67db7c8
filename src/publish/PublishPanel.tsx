import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { topicNameProblem, type Qos } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { invalidProps } from '../ui/field';
import { QosSelect } from '../ui/QosSelect';
import { OutgoingQueue } from './OutgoingQueue';
import { queueKey } from './use-outgoing-queue';

interface PublishInput {
  connectionId: string;
  topic: string;
  payload: string;
  qos: Qos;
  retain: boolean;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SHORTCUT = isMac ? '⌘↵' : 'Ctrl+Enter';
/** How long a publish may wait for its acknowledgement before the queue indicator is asked. */
const QUEUE_LOOK_AFTER_MS = 400;

export function PublishPanel() {
  const { connectionId, status } = useCurrentConnection();
  const [topic, setTopic] = useState('');
  const [payload, setPayload] = useState('');
  const [qos, setQos] = useState<Qos>(0);
  const [retain, setRetain] = useState(false);
  const [topicProblem, setTopicProblem] = useState<string | null>(null);
  const [notConnected, setNotConnected] = useState(false);
  const ids = { topic: useId(), payload: useId(), qos: useId() };

  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: (input: PublishInput) => call('message.publish', input),
    onSettled: (_r, _e, input) => queryClient.invalidateQueries({ queryKey: queueKey(input.connectionId) }),
  });

  // A QoS 1/2 publish answers only once acknowledged: while it waits, let the queue show it.
  const waitingFor = publish.isPending ? publish.variables.connectionId : null;
  useEffect(() => {
    if (!waitingFor) return;
    const timer = setTimeout(
      () => void queryClient.invalidateQueries({ queryKey: queueKey(waitingFor) }),
      QUEUE_LOOK_AFTER_MS,
    );
    return () => clearTimeout(timer);
  }, [waitingFor, queryClient]);

  const submit = () => {
    const problem = topicNameProblem(topic);
    setTopicProblem(problem);
    // A fresh attempt: never leave an earlier "Published" next to a new problem.
    setNotConnected(false);
    publish.reset();
    if (problem) return;
    if (!connectionId || status?.state !== 'connected') return setNotConnected(true);
    publish.mutate({ connectionId, topic, payload, qos, retain });
  };

  // Ctrl/Cmd+Enter publishes from anywhere in the panel; plain Enter stays a newline.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  let outcome = '';
  let outcomeTitle: string | undefined;
  if (notConnected) outcome = 'Connect to a broker first.';
  else if (publish.isPending) outcome = 'Publishing…';
  else if (publish.isError) outcome = errorText(publish.error);
  else if (publish.isSuccess) {
    // The engine's own words: "Acknowledged: PUBACK No matching subscribers (0x10)."
    outcome = publish.data.outcome;
    const id = publish.data.messageId;
    outcomeTitle = id === undefined ? outcome : `${outcome} Packet id ${id}.`;
  }
  const failed = notConnected || publish.isError;

  return (
    <section className="publish" aria-labelledby={`${ids.topic}-title`} onKeyDown={onKeyDown}>
      <h2 id={`${ids.topic}-title`} className="section-title publish-title">
        Publish
      </h2>
      <label htmlFor={ids.topic} className="publish-label">
        Topic
      </label>
      <div className="publish-bar">
        <input
          {...invalidProps(ids.topic, topicProblem)}
          className="mono publish-topic"
          value={topic}
          placeholder="devices/42/cmd"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setTopic(e.target.value);
            setTopicProblem(null);
          }}
        />
        <label htmlFor={ids.qos}>QoS</label>
        <QosSelect id={ids.qos} value={qos} onChange={setQos} />
        <label className="checkbox">
          <input type="checkbox" checked={retain} onChange={(e) => setRetain(e.target.checked)} />
          Retain
        </label>
        <button type="button" className="button-primary" onClick={submit} disabled={publish.isPending}>
          Publish
        </button>
        <kbd className="shortcut" aria-hidden="true">
          {SHORTCUT}
        </kbd>
        <span
          className={failed ? 'publish-result is-error' : 'publish-result'}
          role="status"
          aria-label="Publish result"
          title={outcomeTitle}
        >
          {outcome}
        </span>
        <OutgoingQueue connectionId={connectionId} connected={status?.state === 'connected'} />
      </div>
      {topicProblem && (
        <span id={`${ids.topic}-problem`} className="field-problem publish-problem">
          {topicProblem}
        </span>
      )}
      <label htmlFor={ids.payload} className="publish-label">
        Payload
      </label>
      <textarea
        id={ids.payload}
        className="mono payload-input"
        value={payload}
        placeholder={`Text or JSON. ${SHORTCUT} publishes.`}
        spellCheck={false}
        onChange={(e) => setPayload(e.target.value)}
      />
    </section>
  );
}
