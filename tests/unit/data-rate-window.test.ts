/** The topic tree's rate: a count over a stated window, not a decaying estimate (issue 11). */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STREAM_LIMITS,
  RATE_WINDOW_S,
  windowCount,
  type ReceivedMessage,
} from '../../electron/contract';
import { MessageLog } from '../../electron/engine/stream/message-log';
import { nodeState, TopicIndex } from '../../electron/engine/stream/topic-index';

function arrive(idx: TopicIndex, log: MessageLog, topic: string, receivedAt: number): void {
  const m: ReceivedMessage = { topic, payload: new Uint8Array([0x31]), qos: 0, retain: false, receivedAt };
  idx.add(log.append(m, topic, 0));
}

function recentOf(idx: TopicIndex, topic: string) {
  const node = idx.find(topic);
  if (!node) throw new Error(`no node ${topic}`);
  return nodeState(node).recent;
}

describe('topic rate window', () => {
  // Data #8: one message shows "1 msg", never "0.4/s".
  it('counts one message as one, and nothing once the window has passed', () => {
    const log = new MessageLog(DEFAULT_STREAM_LIMITS);
    const idx = new TopicIndex();
    arrive(idx, log, 'a/b', 100_000);
    const recent = recentOf(idx, 'a/b');
    expect(windowCount(recent, 100_500)).toBe(1);
    expect(windowCount(recent, 100_000 + RATE_WINDOW_S * 1000)).toBe(0);
  });

  // Data #8: two messages 23 s apart never make a rate (each window holds one).
  it('two messages 23 s apart are one message in any window', () => {
    const log = new MessageLog(DEFAULT_STREAM_LIMITS);
    const idx = new TopicIndex();
    arrive(idx, log, 't', 200_000);
    arrive(idx, log, 't', 223_000);
    const recent = recentOf(idx, 't');
    expect(windowCount(recent, 223_000)).toBe(1);
    expect(recent?.counts.length).toBe(1);
  });

  // Data #8: a steady 10 msg/s reads 10 msg/s over the window, on the topic and its parent.
  it('a steady stream reads its true rate, for the topic and its subtree', () => {
    const log = new MessageLog(DEFAULT_STREAM_LIMITS);
    const idx = new TopicIndex();
    for (let i = 0; i < 200; i++) arrive(idx, log, 'p/q', 300_000 + i * 100);
    const now = 300_000 + 199 * 100;
    expect(windowCount(recentOf(idx, 'p/q'), now) / RATE_WINDOW_S).toBeCloseTo(10, 0);
    expect(windowCount(recentOf(idx, 'p'), now)).toBe(windowCount(recentOf(idx, 'p/q'), now));
  });

  it('a clock stepping back counts the arrival instead of rewriting older seconds', () => {
    const log = new MessageLog(DEFAULT_STREAM_LIMITS);
    const idx = new TopicIndex();
    arrive(idx, log, 'c', 500_000);
    arrive(idx, log, 'c', 400_000);
    expect(windowCount(recentOf(idx, 'c'), 500_000)).toBe(2);
  });
});
