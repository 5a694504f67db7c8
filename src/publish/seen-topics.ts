import { messageStore } from '../messages/message-store';

/**
 * Topics seen on a connection, newest first, for the topic box's suggestions. Read on
 * demand (when the box gets focus), never subscribed: the message stream must not
 * re-render the publish panel.
 *
 * Seam: this reads the renderer's bounded message store; when the topic index lands, ask
 * it instead (it knows every topic, not only the newest messages).
 */
export function seenTopics(connectionId: string | null, limit = 200): string[] {
  if (!connectionId) return [];
  const { messages } = messageStore.getSnapshot();
  const seen = new Set<string>();
  for (let i = messages.length - 1; i >= 0 && seen.size < limit; i--) {
    const message = messages[i];
    if (message && message.connectionId === connectionId) seen.add(message.topic);
  }
  return [...seen];
}
