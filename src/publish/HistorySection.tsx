import type { HistoryEntry } from './publish-history';

interface Props {
  id: string;
  /** Newest first: the profile's kept history, or this page's for a connection without one. */
  entries: readonly HistoryEntry[];
  onClear: () => void;
  onResend: (entry: HistoryEntry) => void;
  onEdit: (entry: HistoryEntry) => void;
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function payloadPreview(entry: HistoryEntry): string {
  const p = entry.message.payload;
  if (typeof p === 'string') return p;
  if (p.format === 'bytes') return `${p.bytes.length} bytes`;
  return p.text.length > 120 ? `${p.text.slice(0, 120)}…` : p.text;
}

export function HistorySection({ id, entries, onClear, onResend, onEdit }: Props) {
  return (
    <div id={id} className="publish-drawer" role="group" aria-label="Publish history">
      {entries.length === 0 ? (
        <p className="publish-hint">Messages you publish from here are listed for re-sending.</p>
      ) : (
        <ul className="history-list" aria-label="Published messages">
          {entries.map((entry) => (
            <li key={entry.id}>
              <span className="muted">{time.format(entry.at)}</span>
              <span className="mono history-topic">{entry.message.topic}</span>
              <span className="mono history-payload" title={payloadPreview(entry)}>
                {payloadPreview(entry)}
              </span>
              <span className={entry.ok ? 'history-outcome' : 'history-outcome is-error'}>
                {entry.outcome}
              </span>
              <button type="button" className="button-small" onClick={() => onResend(entry)}>
                Resend
              </button>
              <button type="button" className="button-small" onClick={() => onEdit(entry)}>
                Edit
              </button>
            </li>
          ))}
        </ul>
      )}
      {entries.length > 0 && (
        <button type="button" className="button-small" onClick={onClear}>
          Clear history
        </button>
      )}
    </div>
  );
}
