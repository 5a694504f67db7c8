import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client';
import { useBrokerRetained, useDeleteRetained } from './broker-queries';
import { formatBytes } from '../i18n/format';
import { previewText } from './format';

/** The retained messages the broker holds, each deletable (an empty retained PUBLISH). */
export function RetainedList({ running }: { running: boolean }) {
  const { t } = useTranslation();
  const list = useBrokerRetained(running).data ?? { messages: [], total: 0 };
  const remove = useDeleteRetained();
  const titleId = 'broker-retained-title';
  return (
    <section className="broker-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="broker-subtitle">
        {t('broker.retained.title')} <span className="muted">{list.total}</span>
      </h3>
      {list.total > list.messages.length && (
        <p className="muted">
          {t('broker.retained.partial', { shown: list.messages.length, total: list.total })}
        </p>
      )}
      {list.messages.length === 0 ? (
        <p className="muted">{t('broker.retained.none')}</p>
      ) : (
        <ul className="broker-list" aria-label={t('broker.retained.label')}>
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
                  aria-label={t('broker.retained.deleteLabel', { topic: m.topic })}
                  title={t('broker.retained.deleteTitle')}
                  onClick={() => remove.mutate(m.topic)}
                >
                  {t('broker.retained.delete')}
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
