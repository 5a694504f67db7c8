import { useProfileEditor } from '../profiles/profile-editor';
import { useConnectionsOfThisPage } from './current-connection';
import { useOwnConnections } from './connection-queries';
import { STATE_WORDS } from './status-words';

/**
 * The connections this page opened, to pick which one the main area shows. Only drawn when
 * there is a choice to make.
 */
export function ConnectionList() {
  const own = useOwnConnections();
  const { selectedId, select, forms } = useConnectionsOfThisPage();
  const editor = useProfileEditor();
  if (own.length < 2) return null;
  return (
    <section className="connection-list" aria-labelledby="connection-list-title">
      <h2 id="connection-list-title" className="section-title">
        Connections ({own.length})
      </h2>
      <ul className="sidebar-list" aria-label="Open connections">
        {own.map((s) => {
          const selected = s.connectionId === selectedId;
          return (
            <li key={s.connectionId} className={`state-${s.state}`}>
              {/* The state is said outside the button, so its name never reads "Connect…". */}
              <span className="status-dot" title={STATE_WORDS[s.state]} aria-hidden="true" />
              <span className="sr-only">{STATE_WORDS[s.state]}:</span>
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
            </li>
          );
        })}
      </ul>
    </section>
  );
}
