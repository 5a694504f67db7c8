/**
 * Repeat publishing in the engine against a real Mosquitto: counts, templates per message,
 * throttled progress, and a clean stop when the connection goes.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineEvent, RepeatProgress } from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import { mosquittoAvailable, mosquittoSub, startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
const WAIT = { timeout: 15_000, interval: 20 };

describe.skipIf(!available)('publish repeat against a real Mosquitto', () => {
  let broker: MosquittoBroker;
  let engine: Engine;
  let dispatch: Dispatch;
  const progress: RepeatProgress[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
    engine = createEngine({ host: 'web', version: 'test' });
    dispatch = createDispatch(engine.handlers);
    engine.onEvent((event: EngineEvent) => {
      if (event.name === 'publish.repeat.progress') progress.push(event.payload);
    });
  });

  afterAll(async () => {
    await engine?.dispose();
    await broker?.stop();
  });

  const call = dispatchCall(() => dispatch);

  async function connect(): Promise<string> {
    const status = await call('connection.open', {
      transport: 'mqtt',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
    });
    expect(status.state).toBe('connected');
    return status.connectionId;
  }

  const ended = (repeatId: string) => progress.find((p) => p.repeatId === repeatId && p.state !== 'running');

  it('sends exactly N messages, expanding {{counter}} for each, with few progress events', async () => {
    const connectionId = await connect();
    const sub = await mosquittoSub(broker, { topic: 'repeat/count', count: 100, qos: 1 });
    const started = await call('publish.repeat.start', {
      connectionId,
      topic: 'repeat/count',
      payload: { format: 'json', text: '{"n":{{counter}}}' },
      qos: 1,
      intervalMs: 5,
      count: 100,
      counterStart: 11,
    });
    expect(started).toMatchObject({ state: 'running', sent: 0, total: 100 });
    await vi.waitFor(() => expect(ended(started.repeatId)).toBeDefined(), WAIT);
    expect(ended(started.repeatId)).toMatchObject({ state: 'finished', sent: 100, failed: 0 });
    const seen = await sub.messages;
    expect(seen.map((m) => m.payload)).toEqual(Array.from({ length: 100 }, (_, i) => `{"n":${i + 11}}`));
    // About half a second of sending: a handful of progress events, never one per message.
    const events = progress.filter((p) => p.repeatId === started.repeatId);
    expect(events.length).toBeLessThan(15);
    await call('connection.close', { connectionId });
  });

  it('refuses a broken template before starting', async () => {
    const connectionId = await connect();
    const envelope = await dispatch('publish.repeat.start', {
      connectionId,
      topic: 'repeat/bad',
      payload: { format: 'text', text: '{{nope}}' },
      intervalMs: 10,
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await call('connection.close', { connectionId });
  });

  it('stops on request, and by itself when the connection goes', async () => {
    const connectionId = await connect();
    const first = await call('publish.repeat.start', {
      connectionId,
      topic: 'repeat/forever',
      payload: 'tick',
      intervalMs: 10,
    });
    await vi.waitFor(
      () => expect(progress.some((p) => p.repeatId === first.repeatId && p.sent > 3)).toBe(true),
      WAIT,
    );
    await call('publish.repeat.stop', { repeatId: first.repeatId });
    await vi.waitFor(
      () =>
        expect(ended(first.repeatId)).toMatchObject({
          state: 'stopped',
          detail: { key: 'repeat.stoppedByYou' },
        }),
      WAIT,
    );

    const second = await call('publish.repeat.start', {
      connectionId,
      topic: 'repeat/forever',
      payload: 'tick',
      intervalMs: 60_000,
    });
    await call('connection.close', { connectionId });
    // Not at the next tick a minute away: at once, with the reason.
    await vi.waitFor(
      () =>
        expect(ended(second.repeatId)).toMatchObject({
          state: 'stopped',
          detail: { key: 'repeat.stoppedConnection', params: { stateKey: 'connState.disconnected' } },
        }),
      { timeout: 3000, interval: 20 },
    );
  });
});
