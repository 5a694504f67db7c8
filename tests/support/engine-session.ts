/**
 * One engine against one real Mosquitto for a test file, driven through the contract as
 * the hosts drive it (createDispatch over engine.handlers). Call inside a `describe`: it
 * registers the hooks that start the broker, collect engine events, close what each test
 * opened, and stop everything at the end.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type {
  ConnectOptions,
  ConnectionStatus,
  EngineEvent,
  RequestError,
  RequestInput,
  RequestName,
  RequestResult,
} from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import { dispatchCall } from './dispatch-call';
import { startMosquitto, type MosquittoBroker } from './mosquitto';

export interface EngineSession {
  readonly broker: MosquittoBroker;
  readonly engine: Engine;
  readonly dispatch: Dispatch;
  /** Every event the engine pushed, in order. */
  readonly events: EngineEvent[];
  /** Connections a test opened; closed after it so no test sees another's traffic. */
  readonly opened: Set<string>;
  call<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestResult<N>>;
  callError(name: RequestName, input: unknown): Promise<RequestError>;
  /** TCP to the session's broker with its credentials, plus `extra`. */
  tcp(extra?: Partial<ConnectOptions>): ConnectOptions;
  open(options: ConnectOptions): Promise<ConnectionStatus>;
  openConnected(options: ConnectOptions): Promise<string>;
  statusesOf(connectionId: string): ConnectionStatus[];
}

export function useEngineSession(): EngineSession {
  let broker: MosquittoBroker | undefined;
  let engine: Engine | undefined;
  let dispatch: Dispatch | undefined;
  const events: EngineEvent[] = [];
  const opened = new Set<string>();
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The engine session has no ${what} yet (used outside a test?).`);
    return value;
  };

  beforeAll(async () => {
    broker = await startMosquitto();
    engine = createEngine({ host: 'web', version: 'test' });
    dispatch = createDispatch(engine.handlers);
    engine.onEvent((event) => events.push(event));
  });

  afterEach(async () => {
    const d = dispatch;
    if (d) await Promise.all([...opened].map((connectionId) => d('connection.close', { connectionId })));
    opened.clear();
  });

  afterAll(async () => {
    await engine?.dispose();
    await broker?.stop();
  });

  const session: EngineSession = {
    get broker() {
      return ready(broker, 'broker');
    },
    get engine() {
      return ready(engine, 'engine');
    },
    get dispatch() {
      return ready(dispatch, 'dispatch');
    },
    events,
    opened,
    call: dispatchCall(() => ready(dispatch, 'dispatch')),
    async callError(name, input) {
      const envelope = await session.dispatch(name, input);
      if (envelope.ok)
        throw new Error(`${name} succeeded, expected an error: ${JSON.stringify(envelope.value)}`);
      return envelope.error;
    },
    tcp(extra = {}) {
      const b = session.broker;
      return {
        transport: 'mqtt',
        host: b.host,
        port: b.ports.mqtt,
        username: b.username,
        password: b.password,
        ...extra,
      };
    },
    async open(options) {
      const status = await session.call('connection.open', options);
      opened.add(status.connectionId);
      return status;
    },
    async openConnected(options) {
      const status = await session.open(options);
      expect(status, JSON.stringify(status.problem)).toMatchObject({ state: 'connected' });
      return status.connectionId;
    },
    statusesOf(connectionId) {
      return events.flatMap((e) =>
        e.name === 'connection.status' && e.payload.connectionId === connectionId ? [e.payload] : [],
      );
    },
  };
  return session;
}
