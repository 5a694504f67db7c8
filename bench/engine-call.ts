/** The engine behind the hosts' own dispatch (validation included), as the data levels call it. */
import { createEngine, type Engine } from '../electron/engine';
import { createDispatch } from '../electron/host/dispatch';
import { dispatchCall, type DispatchCall } from '../tests/support/dispatch-call';
import type { BrokerAddress } from './bench-support';

export type EngineCall = DispatchCall;

export function engineCall(engine: Engine): EngineCall {
  const dispatch = createDispatch(engine.handlers);
  return dispatchCall(() => dispatch);
}

/** A fresh engine connected to the broker and subscribed to `filter`. */
export async function subscribedEngine(broker: BrokerAddress, filter: string) {
  const engine = createEngine({ host: 'web', version: 'bench' });
  const call = engineCall(engine);
  const { connectionId } = await call('connection.open', {
    transport: 'mqtt',
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
  });
  await call('subscription.add', { connectionId, filter, qos: 0 });
  return { engine, call, connectionId };
}

/** Polls the stream (as the renderer does, 20 times a second) until `count` messages are kept. */
export async function waitForKept(call: EngineCall, connectionId: string, count: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { stats } = await call('stream.poll', { connectionId, maxTopics: 1, maxTail: 1 });
    if (stats.received >= count || Date.now() > until) return stats;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function bestAndMedian(values: number[]): { best: number; median: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { best: sorted[0] ?? NaN, median: sorted[Math.floor(sorted.length / 2)] ?? NaN };
}
