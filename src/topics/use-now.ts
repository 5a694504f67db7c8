import { useEffect, useState } from 'react';

/**
 * The time, refreshed every `ms` until `until` (epoch ms): rates decay and highlights fade
 * without new data, and once they have settled an idle window does no work at all. A later
 * `until` (new data) starts the ticks again.
 */
export function useNow(ms: number, until = Number.POSITIVE_INFINITY): number {
  const [now, setNow] = useState(() => Date.now());
  const live = until > now;
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms, live]);
  return now;
}
