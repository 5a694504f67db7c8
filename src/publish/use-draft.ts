import { useSyncExternalStore } from 'react';
import { draftStore } from './draft-store';

export function useDraft() {
  return useSyncExternalStore(draftStore.subscribe, draftStore.getSnapshot);
}
