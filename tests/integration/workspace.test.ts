/**
 * Issue 13, workspace: a connection opened from a profile subscribes to the profile's
 * subscriptions (colour and alias kept, also across the engine's own restore after a
 * reconnect), live subscription edits are kept in the profile, and `profiles.connect`
 * takes the form's unsaved edits with the stored secrets. Against a real Mosquitto.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus, EngineEvent, RequestInput } from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe.skipIf(!available)('a profile is the workspace (real Mosquitto)', () => {
  let broker: MosquittoBroker;
  let engine: Engine;
  let dispatch: Dispatch;
  const events: EngineEvent[] = [];
  const opened = new Set<string>();

  beforeAll(async () => {
    broker = await startMosquitto();
    const dataDir = join(mkdtempSync(join(tmpdir(), 'mqscope-int-workspace-')), 'data');
    engine = createEngine({ host: 'web', version: 'test' }, { dataDir });
    dispatch = createDispatch(engine.handlers);
    engine.onEvent((event) => events.push(event));
  });

  afterEach(async () => {
    await Promise.all([...opened].map((connectionId) => dispatch('connection.close', { connectionId })));
    opened.clear();
  });

  afterAll(async () => {
    await engine?.dispose();
    await broker?.stop();
  });

  const call = dispatchCall(() => dispatch);

  async function connect(input: RequestInput<'profiles.connect'>): Promise<ConnectionStatus> {
    const status = await call('profiles.connect', input);
    opened.add(status.connectionId);
    return status;
  }

  function saveProfile(name: string) {
    return call('profiles.save', {
      name,
      options: {
        transport: 'mqtt',
        host: broker.host,
        port: broker.ports.mqtt,
        username: broker.username,
        reconnect: { maxAttempts: 20, periodMs: 200 },
      },
      secrets: { password: broker.password },
    });
  }

  async function storedSubscriptions(id: string) {
    const { profiles } = await call('profiles.list', {});
    return profiles.find((p) => p.id === id)?.subscriptions;
  }

  // Workspace #1: three subscriptions with colours, kept by the profile, subscribed on connect.
  it('keeps live edits in the profile and subscribes to them on the next connect', async () => {
    const profile = await saveProfile('three');
    const first = await connect({ id: profile.id });
    expect(first.state).toBe('connected');
    // Issue 13 #1: the status names its profile, so a page that adopts it after a reload
    // finds the profile's workspace (publish history, subscriptions).
    expect(first.profileId).toBe(profile.id);
    expect(
      (await call('connection.list', {})).find((c) => c.connectionId === first.connectionId)?.profileId,
    ).toBe(profile.id);
    await call('subscription.add', { connectionId: first.connectionId, filter: 'ws/a/#', color: '#ff0000' });
    await call('subscription.add', {
      connectionId: first.connectionId,
      filter: 'ws/b',
      qos: 1,
      color: '#00ff00',
    });
    await call('subscription.add', {
      connectionId: first.connectionId,
      filter: 'ws/c/+',
      color: '#0000ff',
      alias: 'Kitchen',
    });
    // The same filter again is an edit: it keeps its place, with the new QoS and colour.
    await call('subscription.add', {
      connectionId: first.connectionId,
      filter: 'ws/a/#',
      qos: 2,
      color: '#ff8800',
    });
    const kept = await storedSubscriptions(profile.id);
    expect(kept?.map((s) => [s.filter, s.options.qos, s.color, s.alias])).toEqual([
      ['ws/a/#', 2, '#ff8800', undefined],
      ['ws/b', 1, '#00ff00', undefined],
      ['ws/c/+', 0, '#0000ff', 'Kitchen'],
    ]);
    await call('connection.close', { connectionId: first.connectionId });
    opened.delete(first.connectionId);

    const second = await connect({ id: profile.id });
    expect(second.state).toBe('connected');
    // Mosquitto itself logs each SUBSCRIBE of the new client.
    for (const [filter, qos] of [
      ['ws/a/#', 2],
      ['ws/b', 1],
      ['ws/c/+', 0],
    ] as const) {
      await broker.waitForLog(new RegExp(`${escape(second.clientId)} ${qos} ${escape(filter)}`), 10_000);
    }
    const list = await call('subscription.list', { connectionId: second.connectionId });
    expect(list.map((s) => [s.filter, s.state, s.color, s.alias])).toEqual([
      ['ws/a/#', 'active', '#ff8800', undefined],
      ['ws/b', 'active', '#00ff00', undefined],
      ['ws/c/+', 'active', '#0000ff', 'Kitchen'],
    ]);

    // The engine's own restore after a reconnect without a session keeps colour and alias.
    const before = events.length;
    await broker.restart();
    await vi.waitFor(
      () => {
        const reconnected = events
          .slice(before)
          .some(
            (e) =>
              e.name === 'connection.status' &&
              e.payload.connectionId === second.connectionId &&
              e.payload.reason.key.startsWith('state.reconnected'),
          );
        expect(reconnected).toBe(true);
      },
      { timeout: 15_000, interval: 50 },
    );
    await vi.waitFor(
      async () => {
        const restored = await call('subscription.list', { connectionId: second.connectionId });
        expect(restored.map((s) => [s.state, s.color, s.alias])).toEqual([
          ['active', '#ff8800', undefined],
          ['active', '#00ff00', undefined],
          ['active', '#0000ff', 'Kitchen'],
        ]);
      },
      { timeout: 15_000, interval: 50 },
    );

    await call('subscription.remove', { connectionId: second.connectionId, filter: 'ws/b' });
    expect((await storedSubscriptions(profile.id))?.map((s) => s.filter)).toEqual(['ws/a/#', 'ws/c/+']);
  });

  it('a connection made without a profile changes no profile', async () => {
    const profile = await saveProfile('untouched');
    const plain = await call('connection.open', {
      transport: 'mqtt',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
    });
    opened.add(plain.connectionId);
    await call('subscription.add', { connectionId: plain.connectionId, filter: 'plain/#', color: '#123456' });
    expect(await storedSubscriptions(profile.id)).toBeUndefined();
  });

  // Workspace #2: connect what is on screen, with the secret the host keeps.
  it('connects with the form edits and the stored password, without saving the edits', async () => {
    const profile = await saveProfile('edited');
    const status = await connect({
      id: profile.id,
      options: { ...profile.options, keepaliveSeconds: 17, clientId: 'mqscope-edited-17' },
    });
    expect(status.state).toBe('connected');
    expect(status.keepaliveSeconds).toBe(17);
    expect(status.clientId).toBe('mqscope-edited-17');
    const { profiles } = await call('profiles.list', {});
    expect(profiles.find((p) => p.id === profile.id)?.options.keepaliveSeconds).toBe(60);

    // Clearing the stored password in the form connects without one: the broker says no.
    const refused = await connect({ id: profile.id, options: profile.options, secrets: { password: null } });
    expect(refused.state).toBe('failed');
  });
});
