import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { ConsoleLine } from '../../electron/contract';
import { getTransport } from '../api/bridge';
import { call } from '../api/client';
import { consoleStore, EMPTY } from './console-lines';

/** Console pushes, for every script: mounted once by the Scripts view. */
export function useConsoleFeed(): void {
  useEffect(
    () =>
      getTransport().bridge.on('scripts.console', ({ scriptId, lines }) => consoleStore.add(scriptId, lines)),
    [],
  );
}

/** One script's console: fetched once, then kept fresh by the pushes. */
export function useScriptConsole(scriptId: string | null): {
  lines: readonly ConsoleLine[];
  clear(): Promise<void>;
} {
  useEffect(() => {
    if (!scriptId || consoleStore.has(scriptId)) return;
    call('scripts.console', { scriptId }).then(
      (lines) => consoleStore.add(scriptId, lines),
      () => consoleStore.add(scriptId, []),
    );
  }, [scriptId]);
  const lines = useSyncExternalStore(consoleStore.subscribe, () =>
    scriptId ? consoleStore.get(scriptId) : EMPTY,
  );
  const clear = useCallback(async () => {
    if (!scriptId) return;
    await call('scripts.clearConsole', { scriptId });
    consoleStore.clear(scriptId);
  }, [scriptId]);
  return { lines, clear };
}
