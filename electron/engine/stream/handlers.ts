import type { RequestHandlers } from '../../contract';
import type { ConnectionManager } from '../connection-manager';

type StreamRequest =
  | 'stream.poll'
  | 'stream.pause'
  | 'stream.clear'
  | 'stream.limits'
  | 'stream.setLimits'
  | 'stream.memory'
  | 'messages.summaries'
  | 'messages.match'
  | 'messages.search'
  | 'messages.series'
  | 'messages.topicHistory'
  | 'messages.detail'
  | 'messages.export'
  | 'topics.detail'
  | 'topics.clearRetained';

/** The message-path requests, bound to the manager's streams. */
export function streamHandlers(manager: ConnectionManager): Pick<RequestHandlers, StreamRequest> {
  const streams = manager.streams;
  return {
    'stream.poll': ({ connectionId, ...input }) => streams.get(connectionId).poll(input),
    'stream.pause': async ({ connectionId, paused }) => streams.get(connectionId).setPaused(paused),
    'stream.clear': async ({ connectionId }) => streams.get(connectionId).clear(),
    'stream.limits': async () => streams.getLimits(),
    'stream.setLimits': async (limits) => streams.setLimits(limits),
    'stream.memory': async () => streams.memory(),
    'messages.summaries': async ({ connectionId, seqs }) => streams.get(connectionId).summaries(seqs),
    'messages.match': async ({ connectionId, match }) => streams.get(connectionId).match(match),
    'messages.search': ({ connectionId, ...input }) => streams.get(connectionId).search(input),
    'messages.topicHistory': async ({ connectionId, seq }) => streams.get(connectionId).topicHistory(seq),
    'messages.series': async ({ connectionId, topic, path, afterSeq }) =>
      streams.get(connectionId).series(topic, path, afterSeq),
    'messages.detail': async ({ connectionId, seq, maxBytes }) =>
      streams.get(connectionId).messageDetail(seq, maxBytes),
    'messages.export': async ({ connectionId, format, match }) =>
      streams.get(connectionId).export(format, match),
    'topics.detail': async ({ connectionId, topic, maxBytes }) =>
      streams.get(connectionId).topicDetail(topic, maxBytes),
    'topics.clearRetained': async ({ connectionId, topic, subtree }) => {
      const stream = streams.get(connectionId);
      const topics = stream.retainedTopics(topic, subtree);
      const connection = manager.get(connectionId);
      const outcomes = await Promise.allSettled(
        topics.map((t) => connection.publish({ connectionId, topic: t, payload: '', qos: 1, retain: true })),
      );
      const cleared: string[] = [];
      const failed: { topic: string; message: string }[] = [];
      outcomes.forEach((outcome, i) => {
        const t = topics[i] ?? '';
        if (outcome.status === 'fulfilled') cleared.push(t);
        else failed.push({ topic: t, message: String((outcome.reason as Error)?.message ?? outcome.reason) });
      });
      stream.forgetRetained(cleared);
      return { cleared, failed };
    },
  };
}
