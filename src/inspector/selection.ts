import { useSyncExternalStore } from 'react';
import { createValueStore } from '../api/store';

/** What the detail pane shows: one message of the log, or the last message of a topic. */
export type Selection = { kind: 'message'; seq: number } | { kind: 'topic'; path: string } | null;

export const selectionStore = createValueStore<Selection>(null);

export function useSelection(): Selection {
  return useSyncExternalStore(selectionStore.subscribe, selectionStore.getSnapshot);
}
