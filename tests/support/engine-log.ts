/**
 * What a connection has received, read back the way the renderer reads it: through the
 * engine's message log (`stream.poll` for the range, `messages.detail` for each message).
 */
import type { ReceivedMessage } from '../../electron/contract';
import type { Dispatch } from '../../electron/host/dispatch';

async function value<T>(dispatch: Dispatch, name: string, input: unknown): Promise<T> {
  const envelope = await dispatch(name, input);
  if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

interface PollStats {
  stats: { count: number; firstSeq: number };
}

interface Detail extends Omit<ReceivedMessage, 'payload'> {
  payload: Uint8Array;
}

/** Every message still in the connection's log (oldest first), optionally on one topic. */
export async function receivedMessages(
  dispatch: Dispatch,
  connectionId: string,
  topic?: string,
): Promise<ReceivedMessage[]> {
  const { stats } = await value<PollStats>(dispatch, 'stream.poll', { connectionId });
  const seqs = Array.from({ length: stats.count }, (_, i) => stats.firstSeq + i);
  const details = await Promise.all(
    seqs.map((seq) => value<Detail>(dispatch, 'messages.detail', { connectionId, seq })),
  );
  return details
    .filter((m) => topic === undefined || m.topic === topic)
    .map(({ topic: t, payload, qos, retain, properties, receivedAt }) => ({
      topic: t,
      payload: new Uint8Array(payload),
      qos,
      retain,
      receivedAt,
      ...(properties ? { properties } : {}),
    }));
}
