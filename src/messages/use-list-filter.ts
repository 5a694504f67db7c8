import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { TopicPredicate } from '../../electron/contract';
import { call, errorText } from '../api/client';
import {
  listScope,
  parsePayloadSearch,
  payloadSearch,
  scopeFilter,
  scopePredicate,
  searchProgress,
} from '../search/list-query';
import { useCurrentProfileId } from '../payload-formats/current-profile';
import { topicFilter } from '../topics/topic-filter';
import { streamStore } from './stream-store';

/** Typing settles before the engine is asked to scan its log. */
const DEBOUNCE_MS = 150;
/** With a payload query, rows that arrived since the last answer are searched this often. */
const FOLLOW_UP_MS = 1000;

/** A live row's payload is not in the renderer: the engine's follow-up searches add it. */
const engineDecides: TopicPredicate = () => false;

/**
 * Applies the topic filter, the tree's scope and the payload query to the message list:
 * the engine answers with the seqs of every kept message that matches (searching in slices,
 * a newer query cancelling an older one), and live rows are tested as they arrive.
 */
export function useListFilter(connectionId: string | null): void {
  const filter = useSyncExternalStore(topicFilter.subscribe, topicFilter.getSnapshot);
  const profileId = useCurrentProfileId();
  const scope = useSyncExternalStore(listScope.subscribe, listScope.getSnapshot);
  const payloadInput = useSyncExternalStore(payloadSearch.subscribe, payloadSearch.getSnapshot);
  const payload = useMemo(() => parsePayloadSearch(payloadInput), [payloadInput]);
  const { active, predicate, match, error } = filter;
  const epoch = useSyncExternalStore(
    streamStore.subscribe,
    () => streamStore.getSnapshot().stats?.epoch ?? 0,
  );
  useEffect(() => {
    const topicOn = active && predicate !== null && !error;
    const query = payload.query;
    if (!connectionId || (!topicOn && scope === null && query === null)) {
      streamStore.setFilter(null);
      searchProgress.set({ pending: false, error: null });
      return;
    }
    let cancelled = false;
    let followTimer: ReturnType<typeof setTimeout> | undefined;
    const search = (afterSeq: number) =>
      call('messages.search', {
        connectionId,
        ...(topicOn && { match }),
        ...(scope !== null && { within: scopeFilter(scope) }),
        // Inside decoded values too (MessagePack, CBOR, Protobuf, Sparkplug B), by the profile's bindings.
        ...(query !== null && { payload: query, decoded: profileId ? { profileId } : {} }),
        afterSeq,
      });
    const followUp = (afterSeq: number) => {
      followTimer = setTimeout(() => {
        if (cancelled) return;
        if (streamStore.getSnapshot().viewLast <= afterSeq) return followUp(afterSeq);
        search(afterSeq)
          .then((result) => {
            if (cancelled || result.cancelled) return;
            streamStore.appendMatches(result.seqs);
            followUp(result.lastSeq);
          })
          .catch((failure: unknown) => {
            if (!cancelled) searchProgress.set({ pending: false, error: errorText(failure) });
          });
      }, FOLLOW_UP_MS);
    };
    searchProgress.set({ pending: true, error: null });
    const timer = setTimeout(() => {
      search(0)
        .then((result) => {
          if (cancelled || result.cancelled) return;
          const byTopic = [topicOn ? predicate : null, scopePredicate(scope)].filter(
            (p): p is TopicPredicate => p !== null,
          );
          const live: TopicPredicate =
            query !== null ? engineDecides : (topic) => byTopic.every((test) => test(topic));
          streamStore.setFilter(live, result.seqs, result.lastSeq);
          searchProgress.set({ pending: false, error: null });
          if (query !== null) followUp(result.lastSeq);
        })
        .catch((failure: unknown) => {
          if (!cancelled) searchProgress.set({ pending: false, error: errorText(failure) });
        });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      clearTimeout(followTimer);
    };
  }, [connectionId, profileId, active, predicate, match, error, scope, payload, epoch]);
}
