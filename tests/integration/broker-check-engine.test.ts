/**
 * Broker check #1: `check.run` and `check.cancel` through the engine and the hosts' dispatch,
 * as a UI would call them: validated input, progress events in order, the report at the end,
 * a stored profile as the target, and a run cancelled midway. Against the built-in broker.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CheckReportSchema, type CheckProgress, type EngineEvent } from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import { english } from '../../electron/engine/text/english';
import { allEngineKeys } from '../../electron/engine/text/keys';
import zhCN from '../../src/i18n/locales/zh-CN/engine.json';
import { freePort } from '../support/mosquitto';
import { dispatchCall } from '../support/dispatch-call';

type Tree = { [key: string]: string | Tree };

describe('check.run through the engine', () => {
  let engine: Engine;
  let dispatch: Dispatch;
  let port: number;
  let dataDir: string;
  const events: EngineEvent[] = [];

  const call = dispatchCall(() => dispatch);

  function progress(runId: string): CheckProgress[] {
    return events.flatMap((e) =>
      e.name === 'check.progress' && e.payload.runId === runId ? [e.payload] : [],
    );
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mqscope-check-engine-'));
    engine = createEngine({ host: 'web', version: 'test' }, { dataDir });
    dispatch = createDispatch(engine.handlers);
    engine.onEvent((event) => events.push(event));
    port = await freePort();
    let wsPort = await freePort();
    while (wsPort === port) wsPort = await freePort();
    const status = await call('localBroker.start', { tcpPort: port, wsPort });
    expect(status.state).toBe('running');
  });

  afterAll(async () => {
    await engine?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the chosen groups for connection options, with progress events and a valid report', async () => {
    const report = await call('check.run', {
      target: { kind: 'options', options: { transport: 'mqtt', host: '127.0.0.1', port } },
      groups: ['delivery', 'client-ids'],
    });
    expect(CheckReportSchema.parse(report)).toEqual(report);
    expect(report.results.map((r) => r.group)).toEqual([...Array(5).fill('delivery'), 'client-ids']);
    expect(report.counts.conforms).toBe(6);
    const qos2 = report.results.find((r) => r.id === 'delivery.qos2');
    // The evidence is the packet exchange: the whole QoS 2 flow on the publisher's side.
    expect(qos2?.evidence.packets.filter((p) => p.client === 'publisher').map((p) => p.type)).toEqual(
      expect.arrayContaining(['connect', 'connack', 'publish', 'pubrec', 'pubrel', 'pubcomp']),
    );
    const phases = progress(report.runId).map((p) => p.phase);
    expect(phases[0]).toBe('planned');
    expect(phases.at(-1)).toBe('done');
    expect(phases.filter((p) => p === 'started')).toHaveLength(6);
    expect(phases.filter((p) => p === 'finished')).toHaveLength(6);
  });

  // Issue 14: a keyed group's findings cross as engine keys; the English `finding` is their wording.
  it("words the keyed groups' findings from check.* keys, in English and Chinese", async () => {
    const report = await call('check.run', {
      target: { kind: 'options', options: { transport: 'mqtt', host: '127.0.0.1', port } },
      groups: [
        'retained',
        'will',
        'delivery',
        'sessions',
        'client-ids',
        'shared-subscriptions',
        'subscriptions',
        'limits',
        'dollar-topics',
        'keepalive',
        'mqtt5-properties',
      ],
    });
    // A verdict the check reached is keyed; "could not run" and the runner's skips are not yet.
    const reached = report.results.filter((r) => r.verdict === 'conforms' || r.verdict === 'differs');
    expect(reached.length).toBeGreaterThanOrEqual(20);
    const keys = allEngineKeys();
    for (const result of reached) {
      const said = result.findingText;
      expect(said?.key, result.id).toMatch(
        /^check\.(retained|will|delivery|sessions|clientIds|shared|subscriptions|limits|dollarTopics|keepalive|props)\./,
      );
      if (!said) continue;
      expect(keys.has(said.key)).toBe(true);
      expect(english(said)).toBe(result.finding);
      const chinese = said.key.split('.').reduce<unknown>((node, part) => (node as Tree)?.[part], zhCN);
      expect(typeof chinese, said.key).toBe('string');
    }
    expect(report.results.find((r) => r.id === 'retained.replaced')?.finding).toBe(
      'Only the newer retained message was delivered.',
    );
    expect(report.results.find((r) => r.id === 'will.not-on-disconnect')?.finding).toBe(
      'No will after a normal DISCONNECT.',
    );
    expect(report.results.find((r) => r.id === 'delivery.qos2-exactly-once')?.finding).toBe(
      '5 QoS 2 messages arrived exactly once each, in order, at QoS 2.',
    );
  });

  // Issue 14: the runner's own "not checked" sentence is keyed too.
  it('words an MQTT 5 check skipped under MQTT 3.1.1 from check.skip.ranV311', async () => {
    const report = await call('check.run', {
      target: {
        kind: 'options',
        options: { transport: 'mqtt', host: '127.0.0.1', port, protocolVersion: '3.1.1' },
      },
      groups: ['limits'],
    });
    expect(report.results.length).toBeGreaterThanOrEqual(4);
    for (const result of report.results) {
      expect(result.verdict).toBe('not-supported');
      expect(result.findingText?.key).toBe('check.skip.ranV311');
      expect(result.finding).toBe(
        'The check ran as MQTT 3.1.1, as asked, so this MQTT 5 behaviour was not checked.',
      );
    }
  });

  it('takes a stored profile as the target', async () => {
    const profile = await call('profiles.save', {
      name: 'check target',
      options: { transport: 'mqtt', host: '127.0.0.1', port, clientId: 'fixed-id-of-the-user' },
    });
    const report = await call('check.run', {
      target: { kind: 'profile', id: profile.id },
      groups: ['delivery'],
    });
    expect(report.broker?.url).toBe(`mqtt://127.0.0.1:${port}`);
    expect(report.counts.conforms).toBe(5);
  });

  it('refuses an unknown group and an empty group list before running anything', async () => {
    const target = {
      kind: 'options' as const,
      options: { transport: 'mqtt' as const, host: '127.0.0.1', port },
    };
    for (const groups of [['nonsense'], []]) {
      const envelope = await dispatch('check.run', { target, groups } as never);
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('invalid-input');
    }
  });

  it('stops a run on check.cancel: what was running ends as "could not run"', async () => {
    const running = call('check.run', {
      target: { kind: 'options', options: { transport: 'mqtt', host: '127.0.0.1', port } },
      groups: ['keepalive', 'will', 'sessions'],
    });
    const runId = await vi.waitFor(
      () => {
        const planned = events.find(
          (e) =>
            e.name === 'check.progress' &&
            e.payload.phase === 'planned' &&
            e.payload.checks[0]?.id === 'will.on-drop',
        );
        if (!planned || planned.name !== 'check.progress') throw new Error('not planned yet');
        return planned.payload.runId;
      },
      { timeout: 10_000, interval: 20 },
    );
    await vi.waitFor(() => expect(progress(runId).some((p) => p.phase === 'started')).toBe(true), {
      timeout: 10_000,
      interval: 20,
    });
    expect(await call('check.cancel', { runId })).toEqual({ cancelled: true });
    const report = await running;
    expect(report.counts['could-not-run']).toBeGreaterThan(0);
    expect(report.results.some((r) => r.finding === 'The run was cancelled.')).toBe(true);
    expect(await call('check.cancel', { runId })).toEqual({ cancelled: false });
  }, 40_000);
});
