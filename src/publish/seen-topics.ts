import { topicStore } from '../topics/topic-store';

/**
 * Topics seen on the shown connection, most recently updated first, for the topic box's
 * suggestions. Read on demand (when the box gets focus), never subscribed: the message
 * stream must not re-render the publish panel. The topic store follows the connection
 * the main area shows, which is the one the publish panel publishes on.
 */
export function seenTopics(connectionId: string | null, limit = 200): string[] {
  if (!connectionId) return [];
  return topicStore.seenTopics(limit);
}
