import { errorText } from '../api/client';
import { useBrokerRetained, useDeleteRetained } from './broker-queries';
import { formatBytes, previewText } from './format';

/** The retained messages the broker holds, each deletable (an empty retained PUBLISH). */
export function RetainedList({ running }: { running: boolean }) {
  const list = useBrokerRetained(running).data ?? { messages: [], total: 0 };
  const remove = useDeleteRetained();
  const titleId = 'broker-retained-title';
  return (
    <section className="broker-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="broker-subtitle">
        Retained <span className="muted">{list.total}</span>
      </h3>
      {list.total > list.messages.length && (
        <p className="muted">
          Showing the first {list.messages.length} of {list.total}, by topic.
        </p>
      )}
      {list.messages.length === 0 ? (
        <p className="muted">No retained messages.</p>
      ) : (
        <ul className="broker-list" aria-label="Retained messages">
          {list.messages.map((m) => (
            <li key={m.topic} className="broker-item">
              <div className="broker-item-head">
                <span className="mono broker-item-name topic" title={m.topic}>
                  {m.topic}
                </span>
                <span className="tag">QoS {m.qos}</span>
                <button
                  type="button"
                  className="button-small"
                  aria-label={`Delete retained message on ${m.topic}`}
                  title="Clears it as a client would: an empty retained message"
                  onClick={() => remove.mutate(m.topic)}
                >
                  Delete
                </button>
              </div>
              <div className="broker-item-facts muted">
                <span className="mono broker-preview">{previewText(m.preview, m.size)}</span>
                <span>{formatBytes(m.size)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {remove.isError && (
        <p className="field-problem" role="alert">
          {errorText(remove.error)}
        </p>
      )}
    </section>
  );
}
