import { useTransportStatus } from '../api/use-transport-status';
import { errorText } from '../api/client';
import { formatBytes } from '../messages/format';
import { useProfileEditor } from '../profiles/profile-editor';
import { isOver } from './connection-cache';
import {
  useAdoptHostConnections,
  useOwnConnections,
  useRemoveConnection,
  useStreamMemory,
} from './connection-queries';
import { useConnectionsOfThisPage } from './current-connection';
import { STATE_WORDS } from './status-words';

/**
 * The connections this page opened or found running when it loaded (Trust #16), to pick
 * which one the main area shows, with each one's share of the message memory. A closed
 * connection keeps its messages until it is removed here (Trust #17).
 */
export function ConnectionList() {
  const open = useTransportStatus().state === 'open';
  useAdoptHostConnections(open);
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
        Connections ({own.length})
      </h2>
      <ul className="sidebar-list" aria-label="Open connections">
        {own.map((s) => {
          const selected = s.connectionId === selectedId;
          const share = shares.get(s.connectionId);
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
              {share && (
                <span
                  className="muted connection-share"
                  title={`${share.count.toLocaleString()} messages kept for this connection`}
                >
                  {formatBytes(share.bytes)}
                </span>
              )}
              {isOver(s) && (
                <button
                  type="button"
                  className="connection-remove"
                  aria-label={`Remove ${s.clientId}`}
                  title={`Remove ${s.clientId}: forget it and free the memory its messages take`}
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
