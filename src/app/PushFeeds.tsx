import { useChartLayoutFeed } from '../charts/use-chart-layout';
import { useTransportStatus } from '../api/use-transport-status';
import { useAdoptHostConnections, useCurrentConnection } from '../connections/connection-queries';
import { useConnectionStatusFeed } from '../connections/use-connection-status-feed';
import { useKeepaliveFeed } from '../lab/use-keepalive-feed';
import { usePacketFeed } from '../packets/use-packet-feed';
import { useProfilesFeed } from '../profiles/profile-queries';
import { useSubscriptionsFeed } from '../subscriptions/use-subscriptions-feed';
import { useListFilter } from '../messages/use-list-filter';
import { useStreamFeed } from '../messages/use-stream-feed';

/**
 * Where host data enters the renderer, mounted once. A component of its own so that
 * following the current connection re-renders nothing else.
 */
export function PushFeeds() {
  const { connectionId } = useCurrentConnection();
  // Trust #16: here, not in the Connections view, which mounts only once it is shown.
  useAdoptHostConnections(useTransportStatus().state === 'open');
  useConnectionStatusFeed();
  useSubscriptionsFeed();
  usePacketFeed();
  useProfilesFeed();
  useKeepaliveFeed();
  useStreamFeed(connectionId);
  useListFilter(connectionId);
  useChartLayoutFeed();
  return null;
}
