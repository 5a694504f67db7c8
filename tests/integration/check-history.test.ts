/**
 * Issue 15 item 2 (history): broker check runs and will lab results kept per broker in the
 * data folder with the one history store, against a real Mosquitto: they survive a restart
 * of the engine, stay bounded, and a damaged file is set aside with a message.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishOf } from '../support/english';
import type { CheckReport } from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { CHECK_HISTORY } from '../../electron/engine/check/check-history';
import { HistoryStore } from '../../electron/engine/history';
import { LAB_HISTORY_FILE } from '../../electron/engine/lab/lab-history';
import { createDispatch } from '../../electron/host/dispatch';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

function engineOn(dataDir: string) {
  const engine = createEngine({ host: 'web', version: 'test' }, { dataDir });
  const dispatch = createDispatch(engine.handlers);
  const call = dispatchCall(() => dispatch);
  return { engine, call };
}

describe.skipIf(!available)('check and lab history in the data folder', () => {
  let broker: MosquittoBroker;
  let dataDir: string;
  const engines: Engine[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
    dataDir = await mkdtemp(join(tmpdir(), 'mqscope-check-history-'));
  });

  afterAll(async () => {
    await Promise.all(engines.map((e) => e.dispose()));
    await broker?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const options = () => ({
    transport: 'mqtt' as const,
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
  });

  // Issue 15 #2: history per broker, kept across a restart.
  it('keeps a finished run per broker, newest first, and a new engine on the folder reads it back', async () => {
    const first = engineOn(dataDir);
    engines.push(first.engine);
    const report = await first.call('check.run', {
      target: { kind: 'options', options: options() },
      groups: ['dollar-topics'],
    });
    const second = await first.call('check.run', {
      target: { kind: 'options', options: options() },
      groups: ['client-ids'],
    });
    const url = report.broker?.url ?? '';
    expect(url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+/);

    const again = engineOn(dataDir);
    engines.push(again.engine);
    const history = await again.call('check.history', { brokerUrl: url });
    expect(history.runs.map((r) => r.runId)).toEqual([second.runId, report.runId]);
    expect(history.brokers).toEqual([url]);
    expect(history.runs[1]?.results.map((r) => r.id)).toEqual(report.results.map((r) => r.id));
    expect(history.notice).toBeUndefined();
    expect((await again.call('check.history', {})).runs).toHaveLength(2);
  });

  // Issue 15 #2: lab history uses the same store and survives a restart.
  it('keeps will lab results per broker across a restart', async () => {
    const { engine, call } = engineOn(dataDir);
    engines.push(engine);
    const status = await call('connection.open', {
      ...options(),
      will: { topic: 'lab-history/will', payload: { format: 'text', text: 'gone' }, qos: 1 },
    });
    expect(status.state).toBe('connected');
    const result = await call('lab.run', { connectionId: status.connectionId, action: 'drop' });
    expect(result.will).not.toBeNull();
    await call('connection.remove', { connectionId: status.connectionId }).catch(() => undefined);

    const again = engineOn(dataDir);
    engines.push(again.engine);
    const kept = (await again.call('lab.history', { brokerUrl: result.brokerUrl })).results;
    expect(kept.map((r) => r.id)).toEqual([result.id]);
    // Bytes survive the JSON file as bytes.
    expect(new TextDecoder().decode(kept[0]?.will?.payload)).toBe('gone');
  });

  // Issue 15 #2: bounded count, and a bad file set aside with a message, not overwritten.
  it('stays bounded and sets a damaged file aside with a message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mqscope-check-history-bad-'));
    try {
      const bounded = new HistoryStore<CheckReport>({ dataDir: dir, kind: CHECK_HISTORY, limit: 2 });
      const reader = engineOn(dataDir);
      engines.push(reader.engine);
      const base = (await reader.call('check.history', {})).runs[0];
      if (!base) throw new Error('The first test kept no run.');
      for (const runId of ['a', 'b', 'c']) await bounded.append('mqtt://x:1', { ...base, runId });
      expect((await bounded.list('mqtt://x:1')).map((r) => r.runId)).toEqual(['c', 'b']);

      await writeFile(
        join(dir, CHECK_HISTORY.fileName),
        '{"version": 1, "brokers": [["mqtt://x:1", [{"runId": 5}]]]}',
      );
      await writeFile(join(dir, LAB_HISTORY_FILE), 'not json');
      const { engine, call } = engineOn(dir);
      engines.push(engine);
      const history = await call('check.history', {});
      expect(history.runs).toEqual([]);
      expect(englishOf(history.notice)).toMatch(
        /broker check history file could not be read; it was moved to .*check-history\.json\.bad-/,
      );
      // Said once, not on every read.
      expect((await call('check.history', {})).notice).toBeUndefined();
      const lab = await call('lab.history', {});
      expect(lab.results).toEqual([]);
      // Said on every read while this engine runs, so the lab view can show it.
      expect(lab.setAsidePath).toMatch(/lab-history\.json\.bad-/);
      const names = await readdir(dir);
      expect(names.filter((n) => n.includes('.bad-')).sort()).toEqual([
        expect.stringMatching(/^check-history\.json\.bad-/),
        expect.stringMatching(/^lab-history\.json\.bad-/),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
