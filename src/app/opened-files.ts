/**
 * Files the desktop opened (issue 19: file associations), waiting for the view that takes
 * them: an export for the import dialog, a recording for the replay form. A view may not be
 * mounted yet when the file arrives (the app is still starting), so the file waits here until
 * that view takes it, once.
 */
import { useEffect, useRef } from 'react';
import type { RecordingInfo } from '../../electron/contract';

export interface OpenedExport {
  name: string;
  text: string;
}

interface Waiting {
  export: OpenedExport | null;
  recording: RecordingInfo | null;
}

let waiting: Waiting = { export: null, recording: null };
const listeners = new Set<() => void>();

function set(next: Partial<Waiting>): void {
  waiting = { ...waiting, ...next };
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export const offerExport = (file: OpenedExport) => set({ export: file });
export const offerRecording = (recording: RecordingInfo) => set({ recording });

/**
 * Hands the waiting file of one kind to `onFile`, now if one waits and whenever one arrives.
 * Taken once: it is then gone for every other view.
 */
export function useTakeOpenedFile<K extends keyof Waiting>(
  kind: K,
  onFile: (file: NonNullable<Waiting[K]>) => void,
): void {
  const latest = useRef(onFile);
  useEffect(() => {
    latest.current = onFile;
  });
  useEffect(() => {
    let mounted = true;
    const deliver = () => {
      const file = waiting[kind];
      if (file === null || !mounted) return;
      set({ [kind]: null });
      latest.current(file as NonNullable<Waiting[K]>);
    };
    // A file that came before this view was mounted.
    queueMicrotask(deliver);
    const stop = subscribe(deliver);
    return () => {
      mounted = false;
      stop();
    };
  }, [kind]);
}
