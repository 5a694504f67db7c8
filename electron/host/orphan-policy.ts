/**
 * What the web host does with connections no page watches (Trust #16). A browser tab can
 * be closed while its connections keep running in the host; a page that loads later lists
 * and adopts them, so by default they are kept. `close-after=<minutes>` disconnects them
 * once no page has been connected for that long; they stay listed, with their messages
 * (bounded by the shared memory budget), until a page removes them.
 */
export type OrphanPolicy = { kind: 'keep' } | { kind: 'close-after'; minutes: number };

export const ORPHAN_POLICY_USAGE = '--orphan-policy takes "keep" or "close-after=<minutes>" (1 to 10080)';

/** Parses the flag's value; throws a one-sentence Error on anything else. */
export function parseOrphanPolicy(text: string): OrphanPolicy {
  if (text === 'keep') return { kind: 'keep' };
  const match = /^close-after=(\d{1,5})$/.exec(text);
  const minutes = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 7 * 24 * 60) {
    throw new Error(`${ORPHAN_POLICY_USAGE}, not "${text}".`);
  }
  return { kind: 'close-after', minutes };
}

export function describeOrphanPolicy(policy: OrphanPolicy): string {
  return policy.kind === 'keep'
    ? 'Connections keep running when no page is open (--orphan-policy keep).'
    : `Connections are closed after ${policy.minutes} min without an open page (--orphan-policy close-after=${policy.minutes}).`;
}

export interface OrphanTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: OrphanTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Follows how many pages are connected and applies the policy when none is. The host calls
 * pagesChanged() whenever a page connects or goes.
 */
export class OrphanWatch {
  private timer: unknown = null;
  private pages = 0;

  constructor(
    private readonly policy: OrphanPolicy,
    private readonly onOrphaned: (reason: string) => Promise<unknown>,
    private readonly timers: OrphanTimers = realTimers,
  ) {
    this.pagesChanged(0);
  }

  get watchedBy(): number {
    return this.pages;
  }

  pagesChanged(count: number): void {
    this.pages = count;
    if (count > 0) return this.stop();
    if (this.policy.kind !== 'close-after' || this.timer !== null) return;
    const { minutes } = this.policy;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.onOrphaned(`Closed: no page watched it for ${minutes} min (--orphan-policy).`).catch(
        () => undefined,
      );
    }, minutes * 60_000);
  }

  stop(): void {
    if (this.timer === null) return;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
