import { ChartLine } from 'lucide-react';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { mqttFilterMatches } from '../../electron/contract';
import { errorText } from '../api/client';
import { chartThis } from '../charts/charts-store';
import { useCurrentConnection } from '../connections/connection-queries';
import { formatBytes, formatCount } from '../i18n/format';
import { decodeUtf8 } from '../inspector/decode';
import { useSubscriptions } from '../subscriptions/use-subscriptions';
import { topicStore } from '../topics/topic-store';
import { useWorkbench } from '../workbench/workbench-state';
import { EMQX_PREFIX, readSysFacts, receivesSys, type SysFact } from './sys-facts';
import './sys.css';

/** The last payload the tree holds for a topic, as text ($SYS values are short). */
function lastText(topic: string): string | undefined {
  const last = topicStore.find(topic)?.state?.last;
  return last ? decodeUtf8(last.preview).text : undefined;
}

function useValueFormat() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const decimal = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
    const two = (n: number) => String(n).padStart(2, '0');
    return (fact: SysFact): string => {
      const { value } = fact;
      if (typeof value === 'string') return value;
      switch (fact.kind) {
        case 'duration': {
          const days = Math.floor(value / 86_400);
          const clock = `${two(Math.floor((value % 86_400) / 3600))}:${two(Math.floor((value % 3600) / 60))}:${two(Math.floor(value % 60))}`;
          return days > 0 ? t('sys.days', { count: days, clock }) : clock;
        }
        case 'perSecond':
          return t('sys.perSecond', { value: decimal.format(value) });
        case 'bytesPerSecond':
          return t('sys.perSecond', { value: formatBytes(Math.round(value)) });
        case 'bytes':
          return formatBytes(value);
        default:
          return formatCount(value);
      }
    };
  }, [t, i18n.language]);
}

/**
 * The connected broker's own figures from `$SYS` (issue 11): clients, message and byte
 * rates, totals, subscriptions, retained count, uptime and version, each chartable. When the
 * connection does not receive `$SYS`, one click subscribes to `$SYS/#`.
 */
export function SysPanel() {
  const { t } = useTranslation();
  const { show } = useWorkbench();
  const { connectionId, status } = useCurrentConnection();
  const live = status?.state === 'connected' || status?.state === 'reconnecting';
  const { list, subscribe } = useSubscriptions(connectionId, live);
  const version = useSyncExternalStore(topicStore.subscribe, () => topicStore.getSnapshot().version);
  const format = useValueFormat();
  const [problem, setProblem] = useState<string | null>(null);
  const subscribed = receivesSys(
    list.map((s) => s.filter),
    mqttFilterMatches,
  );
  const { layout, facts } = useMemo(
    () => readSysFacts(lastText, topicStore.find(EMQX_PREFIX.slice(0, -1))?.children[0]?.name),
    // version stands for the tree's nodes, updated in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, connectionId],
  );

  const watch = () => {
    if (!connectionId) return;
    setProblem(null);
    subscribe.mutate(
      { connectionId, filter: '$SYS/#', qos: 0 },
      { onError: (error) => setProblem(errorText(error)) },
    );
  };

  return (
    <details className="sidebar-section sys-panel" open>
      <summary>
        <h2 className="section-title">{t('sys.title')}</h2>
      </summary>
      <div className="sys-body">
        {!status ? (
          <p className="muted">{t('sys.connectFirst')}</p>
        ) : (
          <>
            {!subscribed && (
              <div className="sys-watch">
                <p className="muted">{t('sys.notSubscribed')}</p>
                <button
                  type="button"
                  className="button-small"
                  disabled={!live || subscribe.isPending}
                  onClick={watch}
                >
                  {t('sys.subscribe')}
                </button>
              </div>
            )}
            {problem && (
              <p className="field-problem" role="alert">
                {problem}
              </p>
            )}
            {subscribed && facts.length === 0 && <p className="muted">{t('sys.waiting')}</p>}
            {facts.length > 0 && (
              <table className="sys-facts" aria-label={t('sys.table')}>
                <tbody>
                  {facts.map((fact) => (
                    <tr key={fact.id}>
                      <th scope="row" title={fact.topic}>
                        {t(`sys.fact.${fact.id}`)}
                      </th>
                      <td className={fact.kind === 'text' ? 'mono sys-text' : 'mono'}>{format(fact)}</td>
                      <td className="sys-chart">
                        {fact.chartable && (
                          <button
                            type="button"
                            className="json-chart"
                            aria-label={t('sys.chart', { what: t(`sys.fact.${fact.id}`) })}
                            title={t('sys.chartTitle', { topic: fact.topic })}
                            onClick={() => {
                              chartThis({ topic: fact.topic });
                              show('charts');
                            }}
                          >
                            <ChartLine size={12} aria-hidden="true" />
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {layout && <p className="muted sys-source">{t(`sys.source.${layout}`)}</p>}
          </>
        )}
      </div>
    </details>
  );
}
