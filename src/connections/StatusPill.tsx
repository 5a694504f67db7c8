import { useCurrentConnection } from './connection-queries';
import { STATE_WORDS, displayState } from './status-words';

/** The top bar's glance at the connection; the sidebar's status line is the accessible one. */
export function StatusPill() {
  const { status, opening } = useCurrentConnection();
  const state = displayState(status, opening);
  return (
    <span className={`pill state-${state}`} aria-hidden="true">
      <span className="status-dot" />
      {STATE_WORDS[state]}
    </span>
  );
}
