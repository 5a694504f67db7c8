import type { LabAction } from '../../electron/contract';
import { errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { ACTION_HINTS, ACTION_LABELS } from './format';
import { KeepalivePanel } from './KeepalivePanel';
import { LabResultCard } from './LabResultCard';
import { useLabHistory, useRawLabAction, useRunLab } from './lab-queries';
import './lab.css';

const ACTIONS: LabAction[] = ['drop', 'stall', 'disconnectWithWill', 'disconnect'];

/**
 * The keepalive and last-will lab: leave the broker the way a device does, with an observer
 * watching the will topic, and read the verdict against the MQTT specification.
 */
export function LabPanel() {
  const { connectionId, status } = useCurrentConnection();
  const history = useLabHistory(status?.url);
  const run = useRunLab(status?.url);
  const raw = useRawLabAction();
  const connected = status?.state === 'connected' && connectionId !== null;
  const hasWill = status?.willTopic !== undefined;
  const v5 = status?.protocolVersion === '5.0';
  const busy = run.isPending || raw.isPending;

  const start = (action: LabAction) => {
    if (!connectionId) return;
    if (hasWill) run.mutate({ connectionId, action });
    else if (action === 'drop' || action === 'stall') raw.mutate({ connectionId, action });
  };
  const disabledWhy = (action: LabAction): string | null => {
    if (!connected) return 'Connect first.';
    if (busy) return 'A lab run is in progress.';
    if (action === 'disconnectWithWill' && !v5) return 'Needs an MQTT 5 connection.';
    if (!hasWill && (action === 'disconnectWithWill' || action === 'disconnect')) {
      return 'Set a last will in the connection form to observe it.';
    }
    if (
      action === 'stall' &&
      status?.keepaliveSeconds === 0 &&
      status.connack?.serverKeepalive === undefined
    ) {
      return 'With keepalive 0 the broker never times a client out.';
    }
    return null;
  };
  const error = run.error ?? raw.error;
  const latest = run.data;

  return (
    <details className="sidebar-section lab-panel" open>
      <summary>
        <h2 className="section-title">Keepalive &amp; will lab</h2>
      </summary>
      {!status ? (
        <p className="muted lab-note">Connect to a broker to watch keepalive and run will experiments.</p>
      ) : (
        <div className="lab-body">
          <KeepalivePanel status={status} />
          <p className="muted lab-note">
            {hasWill ? (
              <>
                Will topic <span className="mono">{status.willTopic}</span>: an observer connection watches it
                during each action.
              </>
            ) : (
              'No last will on this connection: drop and stall still show what the broker does, without an observer.'
            )}
          </p>
          <div className="lab-actions" role="group" aria-label="Lab actions">
            {ACTIONS.map((action) => {
              const why = disabledWhy(action);
              return (
                <button
                  key={action}
                  type="button"
                  className="button-small"
                  disabled={why !== null}
                  title={why ?? ACTION_HINTS[action]}
                  onClick={() => start(action)}
                >
                  {ACTION_LABELS[action]}
                </button>
              );
            })}
          </div>
          <div role="status" aria-label="Lab run" className="lab-run-state">
            {run.isPending && 'Observing the will topic…'}
            {raw.isPending && 'Running…'}
            {error && <span className="lab-error">{errorText(error)}</span>}
          </div>
          {latest && <LabResultCard result={latest} />}
          {history.data && history.data.length > (latest ? 1 : 0) && (
            <details className="lab-history">
              <summary>Earlier runs on this broker ({history.data.length - (latest ? 1 : 0)})</summary>
              {history.data.slice(latest ? 1 : 0).map((r) => (
                <LabResultCard key={r.id} result={r} />
              ))}
            </details>
          )}
        </div>
      )}
    </details>
  );
}
