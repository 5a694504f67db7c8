import { useCurrentConnection } from './connection-queries';
import { STATE_WORDS, displayState, isLive } from './status-words';

/** The top bar's glance at the connection; the sidebar's status line is the accessible one. */
export function StatusPill() {
  const { status, opening } = useCurrentConnection();
  const state = displayState(status, opening);
  const insecure = !opening && status?.insecure && isLive(status.state);
  return (
    <>
      <span className={`pill state-${state}`} aria-hidden="true">
        <span className="status-dot" />
        {STATE_WORDS[state]}
        {status?.state === 'reconnecting' && status.attempt ? ` (${status.attempt})` : ''}
      </span>
      {insecure && (
        <span className="pill pill-warning" title="TLS verification is off for this connection">
          TLS not verified
        </span>
      )}
    </>
  );
}
