/**
 * Issue 13 (the profile is the workspace) with issue 11's charts: a profile keeps its chart
 * layout and its will lab history in the data folder, across a restart of the engine. An
 * old per-broker lab history file migrates without losing an entry; a damaged file is set
 * aside and said, never silently dropped. Against a real Mosquitto.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartLayout, LabResult, RequestInput } from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { LAB_HISTORY_FILE } from '../../electron/engine/lab/lab-history';
import { CHART_LAYOUTS } from '../../electron/engine/workspace/chart-layouts';
import { createDispatch } from '../../electron/host/dispatch';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import { SCRIPTS_WORKER } from '../support/scripts-worker';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const engines: Engine[] = [];

function engineOn(dataDir: string) {
  const engine = createEngine({ host: 'web', version: 'test' }, { dataDir, scriptsWorker: SCRIPTS_WORKER });
  engines.push(engine);
  const dispatch = createDispatch(engine.handlers);
  const call = dispatchCall(() => dispatch);
  return { engine, call, dispatch };
}

/** A will lab result as version 1 of the lab history file kept it. */
function oldResult(id: string, brokerUrl: string, actionAt: number): LabResult {
  return {
    id,
    connectionId: 'c-old',
    brokerUrl,
    clientId: 'old-client',
    action: 'drop',
    willTopic: 'old/will',
    keepaliveSeconds: 60,
    willDelaySeconds: 0,
    lastPacketAt: null,
    actionAt,
    observedForMs: 100,
    will: null,
    expected: { description: { key: 'lab.expect.drop', params: {} }, window: null },
    verdict: 'not-as-specified',
    verdictText: { key: 'lab.verdict.none', params: {} },
  };
}

describe.skipIf(!available)('chart layout and lab history per profile (real Mosquitto)', () => {
  let broker: MosquittoBroker;
  const dirs: string[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
  });

  afterAll(async () => {
    await Promise.all(engines.map((e) => e.dispose()));
    await broker?.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  const folder = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mqscope-int-profile-data-'));
    dirs.push(dir);
    return dir;
  };

  const options = (extra: object = {}) => ({
    transport: 'mqtt' as const,
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    ...extra,
  });

  // Workspace #1 (issue 13) / Data #1 (issue 11): the charts area keeps its layout with the profile.
  it('keeps each profile its charts, their series, window and order across a restart', async () => {
    const dir = await folder();
    const first = engineOn(dir);
    const saveProfile = (name: string) =>
      first.call('profiles.save', { name, options: options(), secrets: { password: broker.password } });
    const plant = await saveProfile('Plant');
    const lab = await saveProfile('Lab');
    const [doubled] = await first.call('scripts.save', {
      profileId: plant.id,
      script: {
        name: 'doubled',
        source: 'transform((m) => Number(m.payload) * 2);',
        options: { kind: 'transform', topicPattern: 'plant/#' },
      },
    });
    const transform = { profileId: plant.id, scriptId: doubled?.id ?? '', name: 'doubled' };
    const layout: ChartLayout = {
      charts: [
        {
          series: [
            { topic: 'plant/boiler', path: 't' },
            { topic: 'plant/pump', path: 'a["b.c"][0]' },
          ],
          window: '600',
        },
        // Issue 16: a transform's result charted, kept with its script id.
        { series: [{ topic: 'plant/count' }, { topic: 'plant/count', transform }], window: '60' },
      ],
    };
    expect(await first.call('charts.layout.save', { profileId: plant.id, layout })).toEqual({ charts: 2 });
    // The page saves on every change: the last one is what is kept.
    const reordered: ChartLayout = { charts: [...layout.charts].reverse() };
    await first.call('charts.layout.save', { profileId: plant.id, layout: reordered });
    // Keys are data: a profile id like "__proto__" is an ordinary key (Trust #2).
    await first.call('charts.layout.save', { profileId: '__proto__', layout });

    // A connection from the profile draws its series from what the log holds.
    const status = await first.call('profiles.connect', { id: plant.id });
    expect(status.state).toBe('connected');
    await first.call('subscription.add', {
      connectionId: status.connectionId,
      filter: 'plant/#',
      qos: 1,
      noLocal: false,
      retainAsPublished: false,
      retainHandling: 0,
    });
    for (const n of ['1', '2.5', 'x']) {
      await first.call('message.publish', {
        connectionId: status.connectionId,
        topic: 'plant/count',
        payload: { format: 'text', text: n },
        qos: 1,
        retain: false,
      });
    }
    await expect
      .poll(
        async () =>
          (await first.call('messages.series', { connectionId: status.connectionId, topic: 'plant/count' })).t
            .length,
      )
      .toBe(3);

    const again = engineOn(dir);
    const kept = await again.call('charts.layout.get', { profileId: plant.id });
    expect(kept).toEqual({ layout: reordered, setAsidePath: null });
    expect((await again.call('charts.layout.get', { profileId: lab.id })).layout).toBeNull();
    expect((await again.call('charts.layout.get', { profileId: '__proto__' })).layout).toEqual(layout);
    expect((await again.call('charts.layout.get', { profileId: 'constructor' })).layout).toBeNull();
    const series = await first.call('messages.series', {
      connectionId: status.connectionId,
      topic: 'plant/count',
    });
    expect(series.v).toEqual([1, 2.5, null]);
    expect(series.skipped).toBe(1);
    // The kept transform series draws through its script (read back from disk too).
    const keptTransform = kept.layout?.charts[0]?.series[1]?.transform;
    expect(keptTransform).toEqual(transform);
    const { name: _name, ...source } = keptTransform ?? transform;
    // The restarted engine still has the script the series names.
    const scripts = await again.call('scripts.list', { profileId: plant.id });
    expect(scripts.map((x) => x.id)).toContain(source.scriptId);
    const viaFirst = await first.call('messages.series', {
      connectionId: status.connectionId,
      topic: 'plant/count',
      transform: source,
    });
    expect(viaFirst).toMatchObject({ v: [2, 5, null], skipped: 1 });
  });

  // Workspace #1 bad input: a layout is checked at the boundary; a damaged file is set aside and said.
  it('refuses a malformed layout and sets a damaged layouts file aside, saying where', async () => {
    const dir = await folder();
    const { dispatch } = engineOn(dir);
    const refused = await dispatch('charts.layout.save', {
      profileId: 'p',
      layout: { charts: [{ series: [{ topic: 'a' }], window: '5' }] },
    } as unknown as RequestInput<'charts.layout.save'>);
    expect(refused.ok ? 'ok' : refused.error.code).toBe('invalid-input');
    const empty = await dispatch('charts.layout.save', {
      profileId: 'p',
      layout: { charts: [{ series: [], window: 'all' }] },
    });
    expect(empty.ok ? 'ok' : empty.error.code).toBe('invalid-input');

    const damaged = '{"version": 1, "profiles": [["p", [{"charts": "no"}]]]}';
    await writeFile(join(dir, CHART_LAYOUTS.fileName), damaged);
    const { call } = engineOn(dir);
    const state = await call('charts.layout.get', { profileId: 'p' });
    expect(state.layout).toBeNull();
    expect(state.setAsidePath).toMatch(/chart-layouts\.json\.bad-/);
    // Kept as it was, beside the new one.
    expect(await readFile(state.setAsidePath ?? '', 'utf8')).toBe(damaged);
    await call('charts.layout.save', {
      profileId: 'p',
      layout: { charts: [{ series: [{ topic: 'a' }], window: 'all' }] },
    });
    expect((await call('charts.layout.get', { profileId: 'p' })).layout?.charts).toHaveLength(1);
  });

  // Scripts #9 (issue 16): a layouts file written before transform series loads as it was.
  it('loads a layouts file written before series could name a transform', async () => {
    const dir = await folder();
    const old = {
      charts: [{ series: [{ topic: 'plant/boiler', path: 't' }, { topic: 'plant/count' }], window: '600' }],
    };
    await writeFile(
      join(dir, CHART_LAYOUTS.fileName),
      JSON.stringify({ version: 1, profiles: [['p', [old]]] }),
    );
    const { call } = engineOn(dir);
    expect(await call('charts.layout.get', { profileId: 'p' })).toEqual({ layout: old, setAsidePath: null });
  });

  // Workspace #1 (issue 13): lab history per profile; the old per-broker file migrates losing nothing.
  it('migrates a per-broker lab history to profiles, keeps new runs with their profile, across a restart', async () => {
    const dir = await folder();
    const setup = engineOn(dir);
    const url = `mqtt://${broker.host}:${broker.ports.mqtt}`;
    const will = {
      topic: `lab-profile/${Date.now()}/will`,
      payload: { format: 'text' as const, text: 'gone' },
      qos: 1 as const,
    };
    const withWill = await setup.call('profiles.save', {
      name: 'With will',
      options: options({ will }),
      secrets: { password: broker.password },
    });
    const sameBroker = await setup.call('profiles.save', {
      name: 'Same broker',
      options: options(),
      secrets: { password: broker.password },
    });
    const v1 = {
      version: 1,
      brokers: [
        [url, [oldResult('old-2', url, 2000), oldResult('old-1', url, 1000)]],
        ['mqtt://elsewhere:1883', [oldResult('old-x', 'mqtt://elsewhere:1883', 1500)]],
      ],
    };
    const v1Text = JSON.stringify(v1);
    await writeFile(join(dir, LAB_HISTORY_FILE), v1Text);

    const { call } = engineOn(dir);
    // Both profiles on that broker get its old results; the other broker's stay under it.
    const ofWill = await call('lab.history', { profileId: withWill.id });
    expect(ofWill.results.map((r) => r.id)).toEqual(['old-2', 'old-1']);
    expect(ofWill.setAsidePath).toBeNull();
    expect((await call('lab.history', { profileId: sameBroker.id })).results.map((r) => r.id)).toEqual([
      'old-2',
      'old-1',
    ]);
    expect(
      (await call('lab.history', { brokerUrl: 'mqtt://elsewhere:1883' })).results.map((r) => r.id),
    ).toEqual(['old-x']);
    // The old file is kept beside the new one, byte for byte; the new one is version 2.
    expect(await readFile(join(dir, 'lab-history.v1.json'), 'utf8')).toBe(v1Text);
    expect(JSON.parse(await readFile(join(dir, LAB_HISTORY_FILE), 'utf8'))).toMatchObject({ version: 2 });

    // A run on a connection from the profile is kept with that profile only.
    const status = await call('profiles.connect', { id: withWill.id });
    expect(status.state).toBe('connected');
    const result = await call('lab.run', { connectionId: status.connectionId, action: 'drop' });
    expect(result.profileId).toBe(withWill.id);
    expect(result.will).not.toBeNull();

    const restarted = engineOn(dir);
    expect(
      (await restarted.call('lab.history', { profileId: withWill.id })).results.map((r) => r.id),
    ).toEqual([result.id, 'old-2', 'old-1']);
    expect(
      (await restarted.call('lab.history', { profileId: sameBroker.id })).results.map((r) => r.id),
    ).toEqual(['old-2', 'old-1']);
    // All of them, newest first, for comparing brokers.
    expect((await restarted.call('lab.history', {})).results[0]?.id).toBe(result.id);
    const names = await readdir(dir);
    expect(names.filter((n) => n.includes('.bad-'))).toEqual([]);
  });

  // Workspace #1 bad input: an unreadable lab history is set aside and said on every read.
  it('sets a damaged lab history aside with its path, and a file of an unknown version too', async () => {
    for (const damaged of ['{"version": 1, "brokers": "none"', '{"version": 7, "keys": []}']) {
      const dir = await folder();
      await writeFile(join(dir, LAB_HISTORY_FILE), damaged);
      const { call } = engineOn(dir);
      const history = await call('lab.history', {});
      expect(history.results).toEqual([]);
      expect(history.setAsidePath).toMatch(/lab-history\.json\.bad-/);
      expect(await readFile(history.setAsidePath ?? '', 'utf8')).toBe(damaged);
      expect((await call('lab.history', {})).setAsidePath).toBe(history.setAsidePath);
    }
  });
});
