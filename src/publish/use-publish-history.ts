import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { HistoryEntry as StoredEntry } from '../../electron/contract';
import { call } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { useConnectionsOfThisPage } from '../connections/current-connection';
import {
  HISTORY_LIMIT,
  fromStoredEntry,
  historyStore,
  toStoredEntry,
  type HistoryEntry,
} from './publish-history';

const NONE: readonly StoredEntry[] = [];

export interface PublishHistory {
  entries: readonly HistoryEntry[];
  add: (entry: Omit<HistoryEntry, 'id'>) => void;
  clear: () => void;
}

/**
 * The publish history of the connection on screen: its profile's, kept by the host, or
 * this page's own for a connection without a profile.
 */
export function usePublishHistory(): PublishHistory {
  const { connectionId, status } = useCurrentConnection();
  const { forms } = useConnectionsOfThisPage();
  // The page's form knows; after a reload the host's status does (Issue 13 #1).
  const profileId = (connectionId && (forms.get(connectionId)?.draft.profileId ?? status?.profileId)) || null;
  const queryClient = useQueryClient();
  const key = ['history.list', profileId] as const;
  const memory = useSyncExternalStore(historyStore.subscribe, historyStore.getSnapshot);
  const stored = useQuery({
    queryKey: key,
    queryFn: () => call('history.list', { profileId: profileId ?? '' }),
    enabled: profileId !== null,
  });
  const storedEntries = stored.data ?? NONE;
  if (profileId === null) {
    return { entries: memory, add: historyStore.add, clear: historyStore.clear };
  }
  const update = (change: (old: readonly StoredEntry[]) => StoredEntry[]) =>
    queryClient.setQueryData<StoredEntry[]>(key, (old) => change(old ?? []));
  return {
    entries: storedEntries.map((entry, index) => fromStoredEntry(entry, storedEntries.length - index)),
    add: (entry) => {
      const kept = toStoredEntry({ ...entry, id: 0 });
      // Shown at once; the host's answer follows.
      update((old) => [kept, ...old].slice(0, HISTORY_LIMIT));
      void call('history.append', { profileId, entry: kept }).catch(() =>
        queryClient.invalidateQueries({ queryKey: key }),
      );
    },
    clear: () => {
      update(() => []);
      void call('history.clear', { profileId }).catch(() => queryClient.invalidateQueries({ queryKey: key }));
    },
  };
}
