import { useEffect } from 'react';
import type { StreamStats } from '../../electron/contract';
import { call, errorText, RequestFailure } from '../api/client';
import { selectionStore } from '../inspector/selection';
import { topicStore } from '../topics/topic-store';
import { streamStore } from './stream-store';

/** At most this many polls a second: the renderer never asks for more than it can draw. */
const MIN_POLL_INTERVAL_MS = 50;
/** How long the engine may hold a poll when nothing is new. */
const LONG_POLL_MS = 1000;
const RETRY_MS = 1000;
/**
 * Topic states per answer, adapted to what the page manages. A large tree arriving (100k
 * retained topics) comes in answers of this size, each followed by a frame: at a fixed 2,000
 * that took 50 round trips and 50 re-sorts of the whole tree. The size doubles while an
 * answer and its frame take under FAST_MS and more is waiting, and halves past SLOW_MS, so
 * a quiet machine catches up in a few large steps and a busy page keeps its tasks short.
 * The ceiling is the host's, not the page's: at 20,000 per answer, building and sending one
 * answer kept the host from reading its socket long enough for Mosquitto to drop 8% of
 * 100,000 new topics (QoS 0, its queue limit). Measured on a quiet machine: 4,000 shows all
 * 100,000 1.5 s after the last publish, with none dropped.
 */
const TOPICS_PER_POLL = { min: 1000, start: 2000, max: 4_000 };
const FAST_MS = 40;
const SLOW_MS = 100;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Resolves after the browser has painted what the last poll changed. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Where the message stream enters the renderer. Mount once. The renderer pulls: each poll
 * asks the engine for what changed since the last one (coalesced and capped), applies it,
 * waits for the frame to be painted, and only then asks again. A busy page therefore asks
 * less often instead of letting pushes pile up, and the engine never waits for it.
 */
export function useStreamFeed(connectionId: string | null): void {
  useEffect(() => {
    streamStore.reset(connectionId);
    topicStore.reset();
    // A seq or topic of the previous connection means nothing in this one.
    selectionStore.set(null);
    if (!connectionId) return;
    const loop = { stopped: false };
    void pollLoop(connectionId, loop);
    return () => {
      loop.stopped = true;
    };
  }, [connectionId]);
}

function sameStats(a: StreamStats | null, b: StreamStats): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

async function pollLoop(connectionId: string, loop: { stopped: boolean }): Promise<void> {
  let epoch = 0;
  let topicCursor = 0;
  let afterSeq = 0;
  let lastStats: StreamStats | null = null;
  let maxTopics = TOPICS_PER_POLL.start;
  while (!loop.stopped) {
    const started = performance.now();
    let result;
    try {
      result = await call('stream.poll', {
        connectionId,
        epoch,
        topicCursor,
        afterSeq,
        waitMs: LONG_POLL_MS,
        maxTopics,
      });
    } catch (error) {
      if (loop.stopped) return;
      // The stream is gone (the host let it go) or the host is: nothing more will come.
      if (error instanceof RequestFailure && ['not-found', 'internal'].includes(error.error.code)) return;
      console.error(`Polling messages failed: ${errorText(error)}`);
      await wait(RETRY_MS);
      continue;
    }
    if (loop.stopped) return;
    // A long poll that ended with nothing new changes nothing on screen: no render, no frame.
    const news = result.tail.length > 0 || result.topics.length > 0 || !sameStats(lastStats, result.stats);
    lastStats = result.stats;
    if (!news) {
      const elapsed = performance.now() - started;
      if (elapsed < MIN_POLL_INTERVAL_MS) await wait(MIN_POLL_INTERVAL_MS - elapsed);
      continue;
    }
    if (epoch !== 0 && result.stats.epoch !== epoch) {
      // Cleared (here or in another window): old seqs and topics are gone.
      topicStore.reset();
      selectionStore.set(null);
    }
    const answered = performance.now();
    streamStore.apply(result);
    topicStore.apply(result.topics);
    epoch = result.stats.epoch;
    topicCursor = result.topicCursor;
    // While paused the engine sends no rows; keep the cursor so they come on resume.
    if (!result.stats.paused) afterSeq = result.stats.lastSeq;
    await nextFrame();
    const cost = performance.now() - answered;
    if (result.moreTopics && cost < FAST_MS) maxTopics = Math.min(TOPICS_PER_POLL.max, maxTopics * 2);
    else if (cost > SLOW_MS) maxTopics = Math.max(TOPICS_PER_POLL.min, Math.floor(maxTopics / 2));
    // Catching up on a large tree (more topics waiting) goes at frame rate; otherwise at
    // most 20 polls a second.
    const elapsed = performance.now() - started;
    if (!result.moreTopics && elapsed < MIN_POLL_INTERVAL_MS) await wait(MIN_POLL_INTERVAL_MS - elapsed);
  }
}
