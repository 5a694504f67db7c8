import { useCurrentConnection } from '../connections/connection-queries';
import { useConnectionStatusFeed } from '../connections/use-connection-status-feed';
import { useKeepaliveFeed } from '../lab/use-keepalive-feed';
import { useMessageFeed } from '../messages/use-message-feed';
import { usePacketFeed } from '../packets/use-packet-feed';
import { useSubscriptionsFeed } from '../subscriptions/use-subscriptions-feed';

/**
 * Where host pushes enter the renderer, mounted once. A component of its own so that
 * following the current connection re-renders nothing else.
 */
export function PushFeeds() {
  const { connectionId } = useCurrentConnection();
  useConnectionStatusFeed();
  useMessageFeed(connectionId);
  useSubscriptionsFeed();
  usePacketFeed();
  useKeepaliveFeed();
  return null;
}
