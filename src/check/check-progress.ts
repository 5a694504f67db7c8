import type { CheckPlanItem, CheckProgress, CheckResult } from '../../electron/contract';

/** One run as its progress events describe it, until its report arrives. */
export interface RunProgress {
  runId: string;
  planned: readonly CheckPlanItem[];
  /** Checks started and not yet finished. */
  running: ReadonlySet<string>;
  results: ReadonlyMap<string, CheckResult>;
  done: boolean;
}

type Listener = () => void;

/**
 * The progress of the run this page asked for, fed by `check.progress` pushes. `check.run`
 * answers only at the end, so the page learns its run id from the first "planned" event
 * after it asked; other windows' runs are ignored. Snapshots are immutable, for
 * useSyncExternalStore.
 */
export function createCheckProgressStore() {
  let awaiting = false;
  let current: RunProgress | null = null;
  const listeners = new Set<Listener>();
  const set = (next: RunProgress | null) => {
    current = next;
    for (const listener of listeners) listener();
  };
  return {
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: (): RunProgress | null => current,
    /** This page is about to call check.run: adopt the next run that is planned. */
    expectRun(): void {
      awaiting = true;
      set(null);
    },
    /** The run's request failed before any progress: stop waiting for it. */
    abandon(): void {
      awaiting = false;
    },
    ingest(event: CheckProgress): void {
      if (event.phase === 'planned') {
        if (!awaiting) return;
        awaiting = false;
        set({
          runId: event.runId,
          planned: event.checks,
          running: new Set(),
          results: new Map(),
          done: false,
        });
        return;
      }
      if (!current || event.runId !== current.runId) return;
      if (event.phase === 'started') {
        set({ ...current, running: new Set(current.running).add(event.id) });
      } else if (event.phase === 'finished') {
        const running = new Set(current.running);
        running.delete(event.result.id);
        set({ ...current, running, results: new Map(current.results).set(event.result.id, event.result) });
      } else {
        set({ ...current, running: new Set(), done: true });
      }
    },
  };
}

export const checkProgress = createCheckProgressStore();
