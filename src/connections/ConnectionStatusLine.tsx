import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../../electron/contract';
import { engineText } from '../i18n/engine-text';
import { formatTime } from '../i18n/format';
import { displayState, stateWord, isLive } from './status-words';

interface Props {
  status: ConnectionStatus | undefined;
  opening: boolean;
}

const PROTOCOL_NAMES = { '3.1': 'MQTT 3.1', '3.1.1': 'MQTT 3.1.1', '5.0': 'MQTT 5.0' } as const;

/** The whole truth about the shown connection: state, why, where, as whom. */
export function ConnectionStatusLine({ status, opening }: Props) {
  const { t } = useTranslation();
  const state = displayState(status, opening);
  // While connection.open is in flight the cached status may still be the previous connection's.
  const details = opening ? undefined : status;
  const attempt =
    details?.state === 'reconnecting' && details.attempt
      ? t('connections.status.attempt', { attempt: details.attempt })
      : '';
  return (
    <div className={`status-line state-${state}`} role="status" aria-label={t('connections.status.label')}>
      <div className="status-head">
        <span className="status-dot" aria-hidden="true" />
        <strong>
          {stateWord(state)}
          {attempt}
        </strong>
        {details && (
          <span className="muted">{t('connections.status.since', { time: formatTime(details.since) })}</span>
        )}
      </div>
      {details && <p className="status-reason">{engineText(details.reason)}</p>}
      {details?.problem && (
        <p className="status-problem">
          {engineText(details.problem)} <span className="mono">({details.problem.code})</span>
        </p>
      )}
      {details?.insecure && isLive(details.state) && (
        <p className="insecure-warning">{t('connections.status.insecure')}</p>
      )}
      {details && (
        <dl className="status-facts">
          <dt>{t('connections.status.broker')}</dt>
          <dd className="mono" title={details.url}>
            {details.url}
          </dd>
          <dt>{t('connections.status.clientId')}</dt>
          <dd className="mono" title={details.clientId}>
            {details.clientId}
          </dd>
          <dt>{t('connections.status.protocol')}</dt>
          <dd>{PROTOCOL_NAMES[details.protocolVersion]}</dd>
        </dl>
      )}
    </div>
  );
}
