import { useEffect, useRef, useState } from 'react';
import type { RepeatProgress, RepeatStart } from '../../electron/contract';
import { getTransport } from '../api/bridge';
import { call, errorText } from '../api/client';

export interface RepeatControl {
  progress: RepeatProgress | null;
  error: string | null;
  starting: boolean;
  start(input: RepeatStart): Promise<RepeatProgress | null>;
  stop(): void;
}

/**
 * One repeat run at a time from this panel. The engine pushes progress a few times a
 * second (never per message), so each push may cost one render.
 */
export function useRepeat(onEnded: (progress: RepeatProgress) => void): RepeatControl {
  const [progress, setProgress] = useState<RepeatProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const current = useRef<string | null>(null);
  const ended = useRef(onEnded);
  useEffect(() => {
    ended.current = onEnded;
  });

  useEffect(
    () =>
      getTransport().bridge.on('publish.repeat.progress', (next) => {
        if (next.repeatId !== current.current) return;
        setProgress(next);
        if (next.state !== 'running') {
          current.current = null;
          ended.current(next);
        }
      }),
    [],
  );

  return {
    progress,
    error,
    starting,
    async start(input) {
      setError(null);
      setStarting(true);
      try {
        const first = await call('publish.repeat.start', input);
        current.current = first.repeatId;
        // A progress push may already have arrived; keep whichever is further along.
        setProgress((seen) => (seen?.repeatId === first.repeatId ? seen : first));
        return first;
      } catch (failure) {
        setError(errorText(failure));
        return null;
      } finally {
        setStarting(false);
      }
    },
    stop() {
      const repeatId = current.current;
      if (!repeatId) return;
      call('publish.repeat.stop', { repeatId }).catch((failure: unknown) => setError(errorText(failure)));
    },
  };
}
