export interface BatcherTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: BatcherTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Collects items and hands them on in batches, at most one batch per interval.
 * Pushing is O(1) and never does work inline: the mqtt.js `message` handler must stay
 * cheap, or PINGRESP is delayed and the broker drops the client (mqtt.js issue 1935).
 */
export class MessageBatcher<T> {
  private pending: T[] = [];
  private timer: unknown = null;

  constructor(
    private readonly flushTo: (items: T[]) => void,
    private readonly intervalMs = 50,
    private readonly timers: BatcherTimers = realTimers,
  ) {}

  push(item: T): void {
    this.pending.push(item);
    if (this.timer === null) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        this.flush();
      }, this.intervalMs);
    }
  }

  /** Hands on whatever is pending now (used on close, so nothing is lost). */
  flush(): void {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushTo(batch);
  }
}
