import type { ConnectionStatus } from '../../electron/contract';
import { isLive } from './status-words';

/**
 * The one a page shows after loading (Trust #16): the newest connection that is up or on
 * its way, or else the newest one (closed ones stay listed with their messages until removed).
 */
export function preferredConnection(statuses: readonly ConnectionStatus[]): string | null {
  const live = statuses.filter((s) => isLive(s.state));
  return (live.at(-1) ?? statuses.at(-1))?.connectionId ?? null;
}
