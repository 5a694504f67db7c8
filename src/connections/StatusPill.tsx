import { useTranslation } from 'react-i18next';
import { useCurrentConnection } from './connection-queries';
import { displayState, stateWord, isLive } from './status-words';

/** The top bar's glance at the connection; the sidebar's status line is the accessible one. */
export function StatusPill() {
  const { t } = useTranslation();
  const { status, opening } = useCurrentConnection();
  const state = displayState(status, opening);
  const insecure = !opening && status?.insecure && isLive(status.state);
  return (
    <>
      <span className={`pill state-${state}`} aria-hidden="true">
        <span className="status-dot" />
        {stateWord(state)}
        {status?.state === 'reconnecting' && status.attempt ? ` (${status.attempt})` : ''}
      </span>
      {insecure && (
        <span className="pill pill-warning" title={t('connections.status.tlsOffTitle')}>
          {t('connections.status.tlsNotVerified')}
        </span>
      )}
    </>
  );
}
