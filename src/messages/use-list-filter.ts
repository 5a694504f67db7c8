import { useEffect, useSyncExternalStore } from 'react';
import { call, errorText } from '../api/client';
import { topicFilter } from '../topics/topic-filter';
import { streamStore } from './stream-store';

/** Typing settles before the engine is asked to scan its log. */
const DEBOUNCE_MS = 150;

/**
 * Applies the shared topic filter to the message list: the engine answers with the seqs
 * of every kept message that matches, and live rows are tested as they arrive.
 */
export function useListFilter(connectionId: string | null): void {
  const filter = useSyncExternalStore(topicFilter.subscribe, topicFilter.getSnapshot);
  const { active, predicate, match, error } = filter;
  const epoch = useSyncExternalStore(
    streamStore.subscribe,
    () => streamStore.getSnapshot().stats?.epoch ?? 0,
  );
  useEffect(() => {
    if (!connectionId || !active || !predicate || error) {
      streamStore.setFilter(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      call('messages.match', { connectionId, match })
        .then((result) => {
          if (!cancelled) streamStore.setFilter(predicate, result.seqs, result.lastSeq);
        })
        .catch((failure: unknown) => console.error(`Filtering messages failed: ${errorText(failure)}`));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [connectionId, active, predicate, match, error, epoch]);
}
