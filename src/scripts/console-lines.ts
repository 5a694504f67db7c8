import { CONSOLE_RING, type ConsoleLine } from '../../electron/contract';

export const EMPTY: readonly ConsoleLine[] = [];

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
