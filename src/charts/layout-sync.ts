import type { ChartLayout, ChartLayoutState } from '../../electron/contract';
import { chartsOf, layoutOf, type ChartSpec } from './charts-store';

/** The two requests the sync needs (the contract's `charts.layout.*`). */
export interface LayoutApi {
  get(profileId: string): Promise<ChartLayoutState>;
  save(profileId: string, layout: ChartLayout): Promise<unknown>;
}

export interface LayoutReport {
  /** Saving or loading failed: the charts still work, they are just not kept. */
  problem: string | null;
  /** The layouts file could not be read and was moved here. */
  setAsidePath: string | null;
}

interface ChartsStore {
  getSnapshot(): readonly ChartSpec[];
  set(next: readonly ChartSpec[]): void;
  subscribe(listener: () => void): () => void;
}

/**
 * Keeps the open charts with the current connection's profile (issue 13): the profile's
 * layout is loaded when one of its connections becomes current, and every change after that
 * is saved, in order. A connection without a profile keeps its charts in the page only.
 */
export class ChartLayoutSync {
  /** The profile whose layout the store holds; null while none (or while loading). */
  private loadedFor: string | null = null;
  private hadProfile = false;
  private saving: Promise<unknown> = Promise.resolve();
  private report: LayoutReport = { problem: null, setAsidePath: null };
  private loading = 0;

  constructor(
    private readonly store: ChartsStore,
    private readonly api: LayoutApi,
    private readonly onReport: (report: LayoutReport) => void,
    private readonly describe: (error: unknown) => string,
  ) {}

  /** Starts saving changes; returns the stop. */
  start(): () => void {
    return this.store.subscribe(() => {
      if (this.loadedFor !== null) this.save(this.loadedFor);
    });
  }

  /** The current connection's profile changed (undefined: a connection without one). */
  follow(profileId: string | undefined): Promise<void> {
    if (profileId === undefined) {
      // Emptying the previous profile's charts is not a change to keep: loadedFor goes first.
      this.loadedFor = null;
      this.loading++;
      if (this.hadProfile) this.store.set([]);
      this.hadProfile = false;
      return Promise.resolve();
    }
    if (this.loadedFor === profileId) return Promise.resolve();
    this.hadProfile = true;
    this.loadedFor = null;
    const run = ++this.loading;
    this.store.set([]);
    return this.api.get(profileId).then(
      (state) => {
        if (run !== this.loading) return;
        // Charts opened while it loaded come after the kept ones, and are kept too.
        const added = this.store.getSnapshot();
        this.store.set([...chartsOf(state.layout), ...added]);
        this.loadedFor = profileId;
        this.tell({ problem: null, setAsidePath: state.setAsidePath });
        if (added.length > 0) this.save(profileId);
      },
      (error: unknown) => {
        if (run === this.loading) this.tell({ ...this.report, problem: this.describe(error) });
      },
    );
  }

  /** Resolves once every save asked for so far has been answered. */
  settled(): Promise<unknown> {
    return this.saving;
  }

  private save(profileId: string): void {
    const layout = layoutOf(this.store.getSnapshot());
    this.saving = this.saving
      .then(() => this.api.save(profileId, layout))
      .then(
        () => this.tell({ ...this.report, problem: null }),
        (error: unknown) => this.tell({ ...this.report, problem: this.describe(error) }),
      );
  }

  private tell(report: LayoutReport): void {
    this.report = report;
    this.onReport(report);
  }
}
