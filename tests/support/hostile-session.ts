/**
 * One engine for a hostile-broker test file, driven through the contract's dispatch as the
 * hosts drive it, against fake brokers the tests start. Each case opens a connection to its
 * own fake broker and waits for the connection to settle into a final state.
 */
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import type { ConnectOptions, ConnectionStatus, EngineEvent } from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import { startFakeBroker, type FakeBroker, type FakeBrokerScript } from './fake-broker';

export interface HostileRun {
  broker: FakeBroker;
  connectionId: string;
  /** The first status that is not idle, connecting or connected. */
  final: ConnectionStatus;
  statuses: ConnectionStatus[];
}

export interface HostileSession {
  readonly dispatch: Dispatch;
  /** Opens a connection to a fresh fake broker running `script`, and waits for it to end. */
  run(script: FakeBrokerScript, options?: Partial<ConnectOptions>, settleMs?: number): Promise<HostileRun>;
}

const LIVE = new Set(['idle', 'connecting', 'connected']);

export function useHostileSession(): HostileSession {
  let engine: Engine | undefined;
  let dispatch: Dispatch | undefined;
  const events: EngineEvent[] = [];
  const brokers: FakeBroker[] = [];
  const opened: string[] = [];

  beforeAll(() => {
    engine = createEngine({ host: 'web', version: 'test' });
    dispatch = createDispatch(engine.handlers);
    engine.onEvent((event) => events.push(event));
  });
  afterEach(async () => {
    const d = dispatch;
    if (d) await Promise.all(opened.splice(0).map((connectionId) => d('connection.close', { connectionId })));
    await Promise.all(brokers.splice(0).map((b) => b.stop()));
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  const statusesOf = (connectionId: string) =>
    events.flatMap((e) =>
      e.name === 'connection.status' && e.payload.connectionId === connectionId ? [e.payload] : [],
    );

  return {
    get dispatch() {
      if (!dispatch) throw new Error('no engine yet');
      return dispatch;
    },
    async run(script, options = {}, settleMs = 10_000) {
      const broker = await startFakeBroker(script);
      brokers.push(broker);
      const d = this.dispatch;
      const opening = await d('connection.open', {
        transport: 'mqtt',
        host: '127.0.0.1',
        port: broker.port,
        protocolVersion: '5.0',
        ...options,
      });
      if (!opening.ok) throw new Error(`connection.open failed: ${opening.error.message}`);
      const connectionId = (opening.value as ConnectionStatus).connectionId;
      opened.push(connectionId);
      const final = await vi.waitFor(
        () => {
          const found = statusesOf(connectionId).find((s) => !LIVE.has(s.state));
          if (!found) throw new Error(`still ${statusesOf(connectionId).at(-1)?.state}`);
          return found;
        },
        { timeout: settleMs, interval: 10 },
      );
      return { broker, connectionId, final, statuses: statusesOf(connectionId) };
    },
  };
}
