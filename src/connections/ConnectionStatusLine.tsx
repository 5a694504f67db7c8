import type { ConnectionStatus } from '../../electron/contract';
import { formatTime } from '../messages/format';
import { STATE_WORDS, displayState } from './status-words';

interface Props {
  status: ConnectionStatus | undefined;
  opening: boolean;
}

/** The whole truth about the current connection: state, where, as whom, and why. */
export function ConnectionStatusLine({ status, opening }: Props) {
  const state = displayState(status, opening);
  // While connection.open is in flight the cached status may still be the previous connection's.
  const details = opening ? undefined : status;
  return (
    <div className={`status-line state-${state}`} role="status" aria-label="Connection status">
      <div className="status-head">
        <span className="status-dot" aria-hidden="true" />
        <strong>{STATE_WORDS[state]}</strong>
        {details && <span className="muted">since {formatTime(details.since)}</span>}
      </div>
      {details?.problem && (
        <p className="status-problem">
          {details.problem.message} <span className="mono">({details.problem.code})</span>
        </p>
      )}
      {details && (
        <dl className="status-facts">
          <dt>Broker</dt>
          <dd className="mono" title={details.url}>
            {details.url}
          </dd>
          <dt>Client ID</dt>
          <dd className="mono" title={details.clientId}>
            {details.clientId}
          </dd>
          {!details.problem && (
            <>
              <dt>Reason</dt>
              <dd>{details.reason}</dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}
