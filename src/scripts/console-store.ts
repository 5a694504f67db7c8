import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { CONSOLE_RING, type ConsoleLine } from '../../electron/contract';
import { getTransport } from '../api/bridge';
import { call } from '../api/client';

const EMPTY: readonly ConsoleLine[] = [];

/**
 * Each script's console lines as the engine keeps them (a ring of CONSOLE_RING), held here
 * so a console shows the same lines after the editor closes and opens again. Pushed lines
 * are appended; a first look at a script fetches what the engine already kept.
 */
class ConsoleStore {
  private readonly lines = new Map<string, readonly ConsoleLine[]>();
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(scriptId: string): readonly ConsoleLine[] {
    return this.lines.get(scriptId) ?? EMPTY;
  }

  has(scriptId: string): boolean {
    return this.lines.has(scriptId);
  }

  /** Adds lines, skipping any already held (a fetch and a push may overlap), oldest dropped past the ring. */
  add(scriptId: string, incoming: readonly ConsoleLine[]): void {
    const held = this.get(scriptId);
    const last = held.at(-1)?.n ?? -1;
    const fresh = incoming.filter((line) => line.n > last);
    if (fresh.length === 0 && this.lines.has(scriptId)) return;
    this.lines.set(scriptId, [...held, ...fresh].slice(-CONSOLE_RING));
    this.emit();
  }

  clear(scriptId: string): void {
    this.lines.set(scriptId, EMPTY);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export const consoleStore = new ConsoleStore();

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
