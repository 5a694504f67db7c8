/** What the budget needs of a message log. */
export interface BudgetedLog {
  /** When its oldest kept message arrived; undefined when it keeps none. */
  readonly oldestAt: number | undefined;
  /** Drops its oldest message, counting it as evicted, and charges the budget back. */
  evictOldest(): void;
}

/**
 * One memory bound for the message logs of all connections together (Trust #17): a log's
 * own limits bound one connection, but dropped connections and busy ones add up. Beyond
 * the budget the oldest message of all, whichever log holds it, goes first, so a quiet
 * connection keeps its messages while a flood on another evicts the flood's own past.
 */
export class MemoryBudget {
  private readonly logs = new Set<BudgetedLog>();
  /** Bytes the member logs take now (each log charges its own changes). */
  used = 0;

  constructor(private limitBytes: number) {}

  get limit(): number {
    return this.limitBytes;
  }

  join(log: BudgetedLog): void {
    this.logs.add(log);
  }

  /** The log must have charged its bytes back (cleared) before leaving. */
  leave(log: BudgetedLog): void {
    this.logs.delete(log);
  }

  charge(deltaBytes: number): void {
    this.used += deltaBytes;
  }

  setLimit(limitBytes: number): void {
    this.limitBytes = limitBytes;
    this.enforce();
  }

  /** Evicts oldest-first across logs until the budget holds. O(logs) per eviction. */
  enforce(): void {
    while (this.used > this.limitBytes) {
      let oldest: BudgetedLog | undefined;
      let oldestAt = Infinity;
      for (const log of this.logs) {
        const at = log.oldestAt;
        if (at !== undefined && at < oldestAt) {
          oldestAt = at;
          oldest = log;
        }
      }
      if (!oldest) return;
      oldest.evictOldest();
    }
  }
}
