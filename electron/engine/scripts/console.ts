import { CONSOLE_RING, type ConsoleLine, type EngineEvent, type EngineText } from '../../contract';

/** How often new lines and run changes leave as events: a few per second, never one per line. */
export const FLUSH_MS = 250;

/**
 * Each script's console: a bounded ring read by `scripts.console`, and new lines pushed in
 * batches on the engine's one event stream.
 */
export class ScriptConsoles {
  private readonly rings = new Map<string, { next: number; lines: ConsoleLine[] }>();
  private readonly pending = new Map<string, ConsoleLine[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly emit: (event: EngineEvent) => void) {}

  add(scriptId: string, level: ConsoleLine['level'], text: string, line?: number, said?: EngineText): void {
    let ring = this.rings.get(scriptId);
    if (!ring) {
      ring = { next: 1, lines: [] };
      this.rings.set(scriptId, ring);
    }
    const entry: ConsoleLine = {
      n: ring.next++,
      at: Date.now(),
      level,
      text,
      ...(line && { line }),
      ...(said && { said }),
    };
    ring.lines.push(entry);
    if (ring.lines.length > CONSOLE_RING) ring.lines.splice(0, ring.lines.length - CONSOLE_RING);
    const queued = this.pending.get(scriptId) ?? [];
    queued.push(entry);
    if (queued.length > CONSOLE_RING) queued.splice(0, queued.length - CONSOLE_RING);
    this.pending.set(scriptId, queued);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  read(scriptId: string, after = 0): ConsoleLine[] {
    return (this.rings.get(scriptId)?.lines ?? []).filter((l) => l.n > after);
  }

  clear(scriptId: string): number {
    const removed = this.rings.get(scriptId)?.lines.length ?? 0;
    const ring = this.rings.get(scriptId);
    if (ring) ring.lines = [];
    this.pending.delete(scriptId);
    return removed;
  }

  /** A deleted script's console goes with it. */
  forget(scriptId: string): void {
    this.rings.delete(scriptId);
    this.pending.delete(scriptId);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [scriptId, lines] of this.pending)
      this.emit({ name: 'scripts.console', payload: { scriptId, lines } });
    this.pending.clear();
  }
}
