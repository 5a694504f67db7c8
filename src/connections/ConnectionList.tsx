import { useTranslation } from 'react-i18next';
import { useTransportStatus } from '../api/use-transport-status';
import { errorText } from '../api/client';
import { formatBytes, formatNumber } from '../i18n/format';
import { useProfileEditor } from '../profiles/profile-editor';
import { isOver } from './connection-cache';
import { useOwnConnections, useRemoveConnection, useStreamMemory } from './connection-queries';
import { useConnectionsOfThisPage } from './current-connection';
import { stateWord } from './status-words';

/**
 * The connections this page opened or found running when it loaded (Trust #16), to pick
 * which one the main area shows, with each one's share of the message memory. A closed
 * connection keeps its messages until it is removed here (Trust #17).
 */
export function ConnectionList() {
  const { t } = useTranslation();
  const open = useTransportStatus().state === 'open';
  const own = useOwnConnections();
  const { selectedId, select, forms } = useConnectionsOfThisPage();
  const editor = useProfileEditor();
  const memory = useStreamMemory(open && own.length > 0);
  const remove = useRemoveConnection();
  if (own.length === 0) return null;
  const shares = new Map(memory.data?.connections.map((c) => [c.connectionId, c]));
  return (
    <section className="connection-list" aria-labelledby="connection-list-title">
      <h2 id="connection-list-title" className="section-title">
        {t('connections.list.title', { count: own.length })}
      </h2>
      <ul className="sidebar-list" aria-label={t('connections.list.label')}>
        {own.map((s) => {
          const selected = s.connectionId === selectedId;
          const share = shares.get(s.connectionId);
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
                onClick={() => {
                  select(s.connectionId);
                  // The form shows the settings of the connection on screen.
                  const form = forms.get(s.connectionId);
                  if (form) editor.show(form, selectedId ? forms.get(selectedId) : undefined);
                }}
              >
                <span className="mono connection-client">{s.clientId}</span>
                <span className="mono muted connection-url">{s.url}</span>
              </button>
              {share && (
                <span
                  className="muted connection-share"
                  title={t('connections.list.shareTitle', { count: formatNumber(share.count) })}
                >
                  {formatBytes(share.bytes)}
                </span>
              )}
              {isOver(s) && (
                <button
                  type="button"
                  className="connection-remove"
                  aria-label={t('connections.list.remove', { clientId: s.clientId })}
                  title={t('connections.list.removeTitle', { clientId: s.clientId })}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(s.connectionId)}
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {remove.isError && (
        <p className="field-problem" role="alert">
          {errorText(remove.error)}
        </p>
      )}
    </section>
  );
}
