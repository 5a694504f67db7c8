import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { QueuedPublish } from '../../electron/contract';
import { errorText } from '../api/client';
import { useOutgoingQueue } from './use-outgoing-queue';

interface Props {
  connectionId: string | null;
  connected: boolean;
}

function stateText(q: QueuedPublish, t: TFunction): string {
  if (q.state === 'waitingForQuota') return t('publish.queue.state.quota');
  if (q.state === 'waitingForReconnect') return t('publish.queue.state.reconnect');
  return q.released ? t('publish.queue.state.released') : t('publish.queue.state.inFlight');
}

function describe(queued: readonly QueuedPublish[], t: TFunction): string {
  return queued
    .slice(0, 10)
    .map((q) =>
      t('publish.queue.row', {
        id: q.messageId === undefined ? t('publish.queue.notSent') : `#${q.messageId}`,
        qos: q.qos,
        topic: q.topic,
        size: q.size,
        state: stateText(q, t),
      }),
    )
    .join('\n');
}

/** A compact count of unanswered messages (sent, or held by the broker's quota), and the way to give up on them. */
export function OutgoingQueue({ connectionId, connected }: Props) {
  const { t } = useTranslation();
  const { queued, clear } = useOutgoingQueue(connectionId, connected);
  if (queued.length === 0 && !clear.isError) return null;
  const waiting = queued.filter((q) => q.state !== 'inFlight').length;
  const inFlight = queued.length - waiting;
  return (
    <span
      className="outgoing-queue"
      role="status"
      aria-label={t('publish.queue.label')}
      title={describe(queued, t)}
    >
      {queued.length > 0 && (
        <>
          <span className="queue-count">
            {inFlight > 0 && t('publish.queue.inFlight', { count: inFlight })}
            {inFlight > 0 && waiting > 0 && t('publish.queue.separator')}
            {waiting > 0 && t('publish.queue.waiting', { count: waiting })}
          </span>
          <button
            type="button"
            className="button-small"
            disabled={clear.isPending}
            onClick={() => connectionId && clear.mutate(connectionId)}
          >
            {t('publish.queue.clear')}
          </button>
        </>
      )}
      {clear.isError && <span className="field-problem">{errorText(clear.error)}</span>}
    </span>
  );
}
