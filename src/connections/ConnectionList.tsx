import { useTranslation } from 'react-i18next';
import { useConnectionsOfThisPage } from './current-connection';
import { useOwnConnections } from './connection-queries';
import { stateWord } from './status-words';

/**
 * The connections this page opened, to pick which one the main area shows. Only drawn when
 * there is a choice to make.
 */
export function ConnectionList() {
  const { t } = useTranslation();
  const own = useOwnConnections();
  const { selectedId, select } = useConnectionsOfThisPage();
  if (own.length < 2) return null;
  return (
    <section className="connection-list" aria-labelledby="connection-list-title">
      <h2 id="connection-list-title" className="section-title">
        {t('connections.list.title', { count: own.length })}
      </h2>
      <ul className="sidebar-list" aria-label={t('connections.list.label')}>
        {own.map((s) => {
          const selected = s.connectionId === selectedId;
          return (
            <li key={s.connectionId} className={`state-${s.state}`}>
              {/* The state is said outside the button, so its name never reads "Connect…". */}
              <span className="status-dot" title={stateWord(s.state)} aria-hidden="true" />
              <span className="sr-only">{t('connections.list.stateSr', { state: stateWord(s.state) })}</span>
              <button
                type="button"
                className="sidebar-item"
                aria-current={selected ? 'true' : undefined}
                title={`${s.clientId} · ${s.url}`}
                onClick={() => select(s.connectionId)}
              >
                <span className="mono connection-client">{s.clientId}</span>
                <span className="mono muted connection-url">{s.url}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
