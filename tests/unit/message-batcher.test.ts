/**
 * MessageBatcher: the firehose crosses to the renderer in batches, at most one per
 * interval, in order, and nothing is lost or left behind on close.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageBatcher, type BatcherTimers } from '../../electron/engine/message-batcher';

/** A hand-driven clock: timers fire only when the test says so. */
class ManualTimers implements BatcherTimers {
  private nextHandle = 1;
  readonly scheduled = new Map<number, { fn: () => void; ms: number }>();
  readonly cleared: unknown[] = [];

  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.scheduled.set(handle, { fn, ms });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.cleared.push(handle);
    if (typeof handle === 'number') this.scheduled.delete(handle);
  }

  /** Fires every timer scheduled so far (not the ones they schedule). */
  fireAll(): void {
    const due = [...this.scheduled];
    this.scheduled.clear();
    for (const [, timer] of due) timer.fn();
  }
}

function setup(intervalMs = 50) {
  const timers = new ManualTimers();
  const batches: number[][] = [];
  const batcher = new MessageBatcher<number>((items) => batches.push(items), intervalMs, timers);
  return { timers, batches, batcher };
}

describe('MessageBatcher', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds items until the interval ends, then hands them on as one batch in order', () => {
    const { timers, batches, batcher } = setup(50);
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(batches).toEqual([]);
    expect([...timers.scheduled.values()].map((t) => t.ms)).toEqual([50]);

    timers.fireAll();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(timers.scheduled.size).toBe(0);
  });

  it('schedules one timer per interval however many items arrive', () => {
    const { timers, batches, batcher } = setup(20);
    for (let i = 0; i < 1000; i++) batcher.push(i);
    expect(timers.scheduled.size).toBe(1);
    timers.fireAll();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1000);

    // The next item opens the next interval.
    batcher.push(1000);
    expect(timers.scheduled.size).toBe(1);
    timers.fireAll();
    expect(batches).toEqual([expect.any(Array), [1000]]);
  });

  it('does not schedule anything, or emit an empty batch, when nothing was pushed', () => {
    const { timers, batches, batcher } = setup();
    batcher.flush();
    expect(timers.scheduled.size).toBe(0);
    expect(batches).toEqual([]);
  });

  it('flush() hands pending items on at once and cancels the timer', () => {
    const { timers, batches, batcher } = setup();
    batcher.push(1);
    batcher.push(2);
    const [handle] = [...timers.scheduled.keys()];
    batcher.flush();
    expect(batches).toEqual([[1, 2]]);
    expect(timers.cleared).toEqual([handle]);
    expect(timers.scheduled.size).toBe(0);

    // A second flush has nothing to hand on.
    batcher.flush();
    expect(batches).toEqual([[1, 2]]);
  });

  it('keeps items pushed from inside the flush callback for the next batch', () => {
    const timers = new ManualTimers();
    const batches: number[][] = [];
    const batcher: MessageBatcher<number> = new MessageBatcher<number>(
      (items) => {
        batches.push(items);
        if (items.includes(1)) batcher.push(99);
      },
      50,
      timers,
    );
    batcher.push(1);
    timers.fireAll();
    expect(batches).toEqual([[1]]);
    expect(timers.scheduled.size).toBe(1);
    timers.fireAll();
    expect(batches).toEqual([[1], [99]]);
  });

  it('loses nothing and reorders nothing across timers and flushes', () => {
    const { timers, batches, batcher } = setup();
    const sent: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      batcher.push(i);
      sent.push(i);
      if (i % 997 === 0) timers.fireAll();
      if (i % 1511 === 0) batcher.flush();
    }
    batcher.flush();
    expect(batches.flat()).toEqual(sent);
    expect(batches.every((batch) => batch.length > 0)).toBe(true);
    // Batching actually happened: far fewer batches than items.
    expect(batches.length).toBeLessThan(40);
  });

  it('uses about 20 batches a second by default, on the real timer functions', () => {
    vi.useFakeTimers();
    const batches: string[][] = [];
    const batcher = new MessageBatcher<string>((items) => batches.push(items));
    batcher.push('a');
    vi.advanceTimersByTime(49);
    batcher.push('b');
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([['a', 'b']]);

    // One second of steady traffic: at most one batch per 50 ms.
    for (let ms = 0; ms < 1000; ms++) {
      batcher.push(`m${ms}`);
      vi.advanceTimersByTime(1);
    }
    batcher.flush();
    expect(batches.length - 1).toBeLessThanOrEqual(21);
    expect(batches.slice(1).flat()).toHaveLength(1000);
  });
});
