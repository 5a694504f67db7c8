import type { QueuedPublish } from '../../electron/contract';
import { errorText } from '../api/client';
import { useOutgoingQueue } from './use-outgoing-queue';

interface Props {
  connectionId: string | null;
  connected: boolean;
}

function describe(queued: readonly QueuedPublish[]): string {
  return queued
    .slice(0, 10)
    .map((q) => `#${q.messageId} QoS ${q.qos} ${q.topic} (${q.size} B)`)
    .join('\n');
}

/** A compact count of unacknowledged messages, and the way to give up on them. */
export function OutgoingQueue({ connectionId, connected }: Props) {
  const { queued, clear } = useOutgoingQueue(connectionId, connected);
  if (queued.length === 0 && !clear.isError) return null;
  return (
    <span className="outgoing-queue" role="status" aria-label="Outgoing queue" title={describe(queued)}>
      {queued.length > 0 && (
        <>
          <span className="queue-count">
            {queued.length === 1 ? '1 message' : `${queued.length} messages`} awaiting acknowledgement
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
