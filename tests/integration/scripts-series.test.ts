/**
 * Issue 16 (a transform's result can be charted) against a real Mosquitto, with mosquitto_pub
 * as the publisher: `messages.series` with a transform source runs the saved script over the
 * topic's kept messages when asked, never on ingest.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ScriptDraft } from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { ScriptWorker } from '../../electron/engine/scripts/worker-client';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import { mosquittoAvailable, mosquittoPub, startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { SCRIPTS_WORKER } from '../support/scripts-worker';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
const WAIT = { timeout: 30_000, interval: 50 };

describe.skipIf(!available)('transform series against a real Mosquitto', () => {
  let broker: MosquittoBroker;
  let engine: Engine;
  let dispatch: Dispatch;
  let profileId: string;
  let connectionId: string;

  const call = dispatchCall(() => dispatch);

  async function save(script: Omit<ScriptDraft, 'options'>): Promise<string> {
    const draft: ScriptDraft = { ...script, options: { kind: 'transform', topicPattern: 'temp/#' } };
    const list = await call('scripts.save', { profileId, script: draft });
    const saved = list.find((s) => s.name === script.name);
    if (!saved) throw new Error('not saved');
    return saved.id;
  }

  const series = (topic: string, scriptId: string, afterSeq = 0, path?: string) =>
    call('messages.series', {
      connectionId,
      topic,
      afterSeq,
      ...(path !== undefined && { path }),
      transform: { profileId, scriptId },
    });

  /** Publishes `{"c": n}` for each n with mosquitto_pub and waits until the log keeps them. */
  async function publish(topic: string, values: number[]): Promise<void> {
    for (const c of values) await mosquittoPub(broker, { topic, message: JSON.stringify({ c }), qos: 1 });
    await vi.waitFor(async () => {
      const kept = await call('messages.series', { connectionId, topic, path: 'c', afterSeq: 0 });
      expect(kept.v.length).toBeGreaterThanOrEqual(values.length);
    }, WAIT);
  }

  beforeAll(async () => {
    broker = await startMosquitto();
    const dataDir = mkdtempSync(join(tmpdir(), 'mqscope-transform-series-'));
    engine = createEngine({ host: 'web', version: 'test' }, { dataDir, scriptsWorker: SCRIPTS_WORKER });
    dispatch = createDispatch(engine.handlers);
    const profile = await call('profiles.save', {
      name: 'series broker',
      options: {
        transport: 'mqtt',
        host: broker.host,
        port: broker.ports.mqtt,
        username: broker.username,
        protocolVersion: '5.0',
      },
      secrets: { password: broker.password },
    });
    profileId = profile.id;
    const status = await call('connection.open', {
      transport: 'mqtt',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
      protocolVersion: '5.0',
    });
    connectionId = status.connectionId;
    await call('subscription.add', { connectionId, filter: 'temp/#', qos: 1 });
  }, 60_000);

  afterAll(async () => {
    await engine?.dispose();
    await broker?.stop();
  });

  // Scripts #6: 50 messages through `msg.json.c * 1.8 + 32`, in order, run only when asked; new ones only after.
  it('charts a transform: the converted values in order, then only the new messages', async () => {
    const spy = vi.spyOn(ScriptWorker.prototype, 'transform');
    const scriptId = await save({ name: 'fahrenheit', source: 'transform((msg) => msg.json.c * 1.8 + 32);' });
    const values = Array.from({ length: 50 }, (_, i) => i);
    await publish('temp/a', values);
    // Ingest ran no transform.
    expect(spy).not.toHaveBeenCalled();
    const first = await series('temp/a', scriptId);
    expect(first.v).toEqual(values.map((c) => c * 1.8 + 32));
    expect(first.t).toHaveLength(50);
    expect(first.skipped).toBe(0);
    expect(first.failed).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(1);

    await mosquittoPub(broker, { topic: 'temp/a', message: '{"c":100}', qos: 1 });
    await vi.waitFor(async () => {
      const next = await series('temp/a', scriptId, first.lastSeq);
      expect(next.v).toEqual([212]);
      // The incremental fetch sends only the new message to the worker.
      const calls = spy.mock.calls.map(([, messages]) => messages.length);
      expect(calls.at(-1)).toBe(1);
    }, WAIT);
    spy.mockRestore();
  });

  // Scripts #7: a path into an object result; a non-number result is a gap counted as skipped.
  it('reads a path inside the result, and counts non-numbers as skipped gaps', async () => {
    await publish('temp/b', [1, 2, 3]);
    const objectId = await save({
      name: 'object',
      source: 'transform((msg) => ({ f: msg.json.c * 10, label: "x" }));',
    });
    const picked = await series('temp/b', objectId, 0, 'f');
    expect(picked.v).toEqual([10, 20, 30]);
    const text = await series('temp/b', objectId, 0, 'label');
    expect(text).toMatchObject({ v: [null, null, null], skipped: 3 });
    expect(text.failed).toBeUndefined();
    const stringId = await save({ name: 'string', source: 'transform((msg) => String(msg.json.c));' });
    const strings = await series('temp/b', stringId);
    expect(strings).toMatchObject({ v: [null, null, null], skipped: 3 });
  });

  // Scripts #8: a throwing transform and one at its CPU limit answer their error; no crash.
  it('answers a throwing or spinning transform with its error, and a deleted one as not found', async () => {
    await publish('temp/c', [1, 2]);
    const throwing = await save({
      name: 'throwing',
      source: 'transform((msg) => {\n  throw new Error("bad " + msg.json.c);\n});',
    });
    const thrown = await series('temp/c', throwing);
    expect(thrown).toMatchObject({ v: [null, null], skipped: 2, failed: { count: 2, first: { line: 2 } } });
    expect(thrown.failed?.first.message).toContain('bad 1');

    const spinning = await save({ name: 'spinning', source: 'transform(() => {\n  while (true) {}\n});' });
    const spun = await series('temp/c', spinning);
    expect(spun).toMatchObject({ v: [null, null], failed: { count: 2, first: { limit: 'time' } } });

    // The other series of the same topic keep answering.
    const fine = await save({ name: 'fine', source: 'transform((msg) => msg.json.c);' });
    expect((await series('temp/c', fine)).v).toEqual([1, 2]);

    await call('scripts.delete', { profileId, scriptId: throwing });
    const gone = await dispatch('messages.series', {
      connectionId,
      topic: 'temp/c',
      afterSeq: 0,
      transform: { profileId, scriptId: throwing },
    });
    expect(gone.ok).toBe(false);
    if (!gone.ok) {
      expect(gone.error.code).toBe('not-found');
      expect(gone.error.text).toEqual({ key: 'scripts.notFound', params: { id: throwing } });
    }
  });
});
