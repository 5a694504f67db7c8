import type { ReadableStore } from '../api/store';
import { emptyDraft, type EditorDraft } from './draft';

export interface DraftStore extends ReadableStore<EditorDraft> {
  patch(change: Partial<EditorDraft>): void;
  replace(next: EditorDraft): void;
}

/**
 * The publish form lives outside React so that other features (the message inspector's
 * "re-publish") can fill it without owning the panel. The editor reads and writes it too.
 */
export function createDraftStore(initial: EditorDraft = emptyDraft()): DraftStore {
  let draft = initial;
  const listeners = new Set<() => void>();
  const publish = (next: EditorDraft) => {
    draft = next;
    for (const listener of listeners) listener();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => draft,
    patch: (change) => publish({ ...draft, ...change }),
    replace: publish,
  };
}

/** The page's one publish form. */
export const draftStore = createDraftStore();
