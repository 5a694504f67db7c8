/**
 * Many QoS 1/2 publish requests made at once through the contract, each answer kept, and the
 * checks the fault suites share: every request answered, the queue, the packet log.
 */
import { expect, vi } from 'vitest';
import type {
  ConnectionStatus,
  PacketRecord,
  PublishResult,
  QueuedPublish,
  RequestError,
} from '../../electron/contract';
import { english } from '../../electron/engine/text/english';
import type { EngineSession } from './engine-session';

export interface Answer {
  topic: string;
  qos: 1 | 2;
  /** Undefined until the engine answers. */
  result?: { ok: true; outcome: string; reasonCode?: number } | { ok: false; error: RequestError };
}

export interface Batch {
  answers: Answer[];
  /** Resolves once every request is answered (never rejects). */
  settled: Promise<void>;
}

/** Publishes `count` messages alternating QoS 2, QoS 1, each on its own topic under `prefix`. */
export function publishBatch(
  session: EngineSession,
  connectionId: string,
  prefix: string,
  count: number,
): Batch {
  const answers: Answer[] = Array.from({ length: count }, (_, i) => {
    const qos = i % 2 === 0 ? 2 : 1;
    return { topic: `${prefix}/q${qos}/${i}`, qos };
  });
  const settled = Promise.all(
    answers.map(async (answer) => {
      const envelope = await session.dispatch('message.publish', {
        connectionId,
        topic: answer.topic,
        payload: answer.topic,
        qos: answer.qos,
      });
      if (envelope.ok) {
        // The dispatcher answers message.publish with a PublishResult.
        const value = envelope.value as PublishResult;
        answer.result = { ok: true, outcome: english(value.outcome), reasonCode: value.reasonCode };
      } else {
        answer.result = { ok: false, error: envelope.error };
      }
    }),
  ).then(() => undefined);
  return { answers, settled };
}

export const WAIT = { timeout: 20_000, interval: 25 };

export function queueOf(session: EngineSession, connectionId: string): Promise<QueuedPublish[]> {
  return session.call('publish.queue', { connectionId });
}

/** Waits until the queue satisfies `check` (which throws while it does not). */
export function queueUntil(
  session: EngineSession,
  connectionId: string,
  check: (queue: QueuedPublish[]) => void,
): Promise<QueuedPublish[]> {
  return vi.waitFor(async () => {
    const queue = await queueOf(session, connectionId);
    check(queue);
    return queue;
  }, WAIT);
}

export function inFlight(queue: QueuedPublish[]): QueuedPublish[] {
  return queue.filter((q) => q.state === 'inFlight');
}

export async function stateOf(
  session: EngineSession,
  connectionId: string,
  state: ConnectionStatus['state'],
  after = 0,
): Promise<ConnectionStatus> {
  return vi.waitFor(() => {
    const found = session
      .statusesOf(connectionId)
      .slice(after)
      .find((s) => s.state === state);
    if (!found) throw new Error(`not ${state} yet (last: ${session.statusesOf(connectionId).at(-1)?.state})`);
    return found;
  }, WAIT);
}

export async function packetsOf(session: EngineSession, connectionId: string): Promise<PacketRecord[]> {
  return (await session.call('packets.list', { connectionId })).packets;
}

/** Every request of the batch got an answer, and none was a quota refusal (PUBACK 0x97). */
export async function expectAllAnswered(batch: Batch): Promise<void> {
  await vi.waitFor(() => {
    const open = batch.answers.filter((a) => !a.result).length;
    if (open > 0) throw new Error(`${open} of ${batch.answers.length} requests not answered`);
  }, WAIT);
  for (const answer of batch.answers) {
    expect(answer.result, answer.topic).toBeDefined();
    if (answer.result?.ok) expect(answer.result.reasonCode ?? 0).toBeLessThan(0x80);
    else expect(answer.result?.error.message).not.toMatch(/quota/i);
  }
}
