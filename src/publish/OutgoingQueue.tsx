import type { QueuedPublish } from '../../electron/contract';
import { errorText } from '../api/client';
import { useOutgoingQueue } from './use-outgoing-queue';

interface Props {
  connectionId: string | null;
  connected: boolean;
}

function stateText(q: QueuedPublish): string {
  if (q.state === 'waitingForQuota') return 'waiting for quota (the broker’s Receive Maximum)';
  if (q.state === 'waitingForReconnect') return 'waiting for the reconnect';
  return q.released ? 'PUBREC received, awaiting PUBCOMP' : 'awaiting acknowledgement';
}

function describe(queued: readonly QueuedPublish[]): string {
  return queued
    .slice(0, 10)
    .map(
      (q) =>
        `${q.messageId === undefined ? 'not sent' : `#${q.messageId}`} QoS ${q.qos} ${q.topic} (${q.size} B): ${stateText(q)}`,
    )
    .join('\n');
}

const messages = (n: number) => (n === 1 ? '1 message' : `${n} messages`);

/** A compact count of unanswered messages (sent, or held by the broker's quota), and the way to give up on them. */
export function OutgoingQueue({ connectionId, connected }: Props) {
  const { queued, clear } = useOutgoingQueue(connectionId, connected);
  if (queued.length === 0 && !clear.isError) return null;
  const waiting = queued.filter((q) => q.state !== 'inFlight').length;
  const inFlight = queued.length - waiting;
  return (
    <span className="outgoing-queue" role="status" aria-label="Outgoing queue" title={describe(queued)}>
      {queued.length > 0 && (
        <>
          <span className="queue-count">
            {inFlight > 0 && `${messages(inFlight)} awaiting acknowledgement`}
            {inFlight > 0 && waiting > 0 && ', '}
            {waiting > 0 && `${messages(waiting)} waiting to be sent`}
          </span>
          <button
            type="button"
            className="button-small"
            disabled={clear.isPending}
            onClick={() => connectionId && clear.mutate(connectionId)}
          >
            Clear queue
          </button>
        </>
      )}
      {clear.isError && <span className="field-problem">{errorText(clear.error)}</span>}
    </span>
  );
}
