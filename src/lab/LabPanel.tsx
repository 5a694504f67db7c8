import { Trans, useTranslation } from 'react-i18next';
import type { LabAction } from '../../electron/contract';
import { errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { actionHint, actionLabel } from './format';
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
  const { t } = useTranslation();
  const { connectionId, status } = useCurrentConnection();
  const owner = status && { url: status.url, profileId: status.profileId };
  const history = useLabHistory(owner);
  const run = useRunLab(owner);
  const earlier = history.data?.results ?? [];
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
    if (!connected) return t('lab.why.connect');
    if (busy) return t('lab.why.busy');
    if (action === 'disconnectWithWill' && !v5) return t('lab.why.v5');
    if (!hasWill && (action === 'disconnectWithWill' || action === 'disconnect')) {
      return t('lab.why.noWill');
    }
    if (
      action === 'stall' &&
      status?.keepaliveSeconds === 0 &&
      status.connack?.serverKeepalive === undefined
    ) {
      return t('lab.why.keepalive0');
    }
    return null;
  };
  const error = run.error ?? raw.error;
  const latest = run.data;

  return (
    <details className="sidebar-section lab-panel" open>
      <summary>
        <h2 className="section-title">{t('lab.title')}</h2>
      </summary>
      {!status ? (
        <p className="muted lab-note">{t('lab.connectFirst')}</p>
      ) : (
        <div className="lab-body">
          <KeepalivePanel status={status} />
          <p className="muted lab-note">
            {hasWill ? (
              <Trans
                i18nKey="lab.willTopic"
                values={{ topic: status.willTopic }}
                components={{ topic: <span className="mono" /> }}
              />
            ) : (
              t('lab.noWill')
            )}
          </p>
          <div className="lab-actions" role="group" aria-label={t('lab.actions')}>
            {ACTIONS.map((action) => {
              const why = disabledWhy(action);
              return (
                <button
                  key={action}
                  type="button"
                  className="button-small"
                  disabled={why !== null}
                  title={why ?? actionHint(action)}
                  onClick={() => start(action)}
                >
                  {actionLabel(action)}
                </button>
              );
            })}
          </div>
          <div role="status" aria-label={t('lab.run')} className="lab-run-state">
            {run.isPending && t('lab.observing')}
            {raw.isPending && t('lab.running')}
            {error && <span className="lab-error">{errorText(error)}</span>}
          </div>
          {history.data?.setAsidePath && (
            <p className="notice lab-note" role="note">
              {t('lab.historySetAside', { path: history.data.setAsidePath })}
            </p>
          )}
          {history.isError && (
            <p className="lab-error" role="alert">
              {errorText(history.error)}
            </p>
          )}
          {latest && <LabResultCard result={latest} />}
          {earlier.length > (latest ? 1 : 0) && (
            <details className="lab-history">
              <summary>
                {t(status.profileId ? 'lab.earlierProfile' : 'lab.earlier', {
                  count: earlier.length - (latest ? 1 : 0),
                })}
              </summary>
              {earlier.slice(latest ? 1 : 0).map((r) => (
                <LabResultCard key={r.id} result={r} />
              ))}
            </details>
          )}
        </div>
      )}
    </details>
  );
}
