/**
 * Saved profiles for real: a profile with a password and a will opens connections to a
 * real Mosquitto (several at once), the will fires from a profile-made connection, and
 * the built web host keeps profiles in --data-dir across a restart.
 */
import { spawn } from 'node:child_process';
import { englishOf } from '../support/english';
import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineEvent, ProfileList } from '../../electron/contract';
import { createEngine, type Engine } from '../../electron/engine';
import { createDispatch, type Dispatch } from '../../electron/host/dispatch';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  mosquittoSub,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

describe.skipIf(!available)('profiles against a real Mosquitto', () => {
  let broker: MosquittoBroker;
  let engine: Engine;
  let dispatch: Dispatch;
  let dataDir: string;
  const events: EngineEvent[] = [];
  const opened = new Set<string>();

  beforeAll(async () => {
    broker = await startMosquitto();
    dataDir = join(tempDir('mqscope-int-profiles-'), 'data');
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

  async function saveDeviceProfile(name: string, password: string) {
    return call('profiles.save', {
      name,
      folder: 'Lab',
      options: {
        transport: 'mqtt',
        host: broker.host,
        port: broker.ports.mqtt,
        username: broker.username,
        keepaliveSeconds: 10,
        will: { topic: `lab/${name}/status`, payload: { format: 'json', text: '{"online":false}' }, qos: 1 },
      },
      secrets: { password },
    });
  }

  it('connects from a stored profile, twice at once, and its will fires', async () => {
    const profile = await saveDeviceProfile('sensor', broker.password);
    expect(profile.secrets.password).toBe(true);
    expect(events.some((e) => e.name === 'profiles.changed')).toBe(true);

    const [first, second] = await Promise.all([
      call('profiles.connect', { id: profile.id }),
      call('profiles.connect', { id: profile.id }),
    ]);
    for (const status of [first, second]) opened.add(status.connectionId);
    expect(first.state).toBe('connected');
    expect(second.state).toBe('connected');
    expect(first.connectionId).not.toBe(second.connectionId);
    expect(first.clientId).not.toBe(second.clientId);

    // The password went to the broker (it accepted it) but never into the packet log.
    const packets = await call('packets.list', { connectionId: first.connectionId });
    const connect = packets.packets.find((p) => p.type === 'connect');
    expect(connect?.fields).toMatchObject({ username: broker.username, keepalive: 10, password: '••••••' });
    expect(JSON.stringify(packets)).not.toContain(broker.password);

    const watcher = await mosquittoSub(broker, { topic: 'lab/sensor/status', count: 1, qos: 1 });
    await call('connection.drop', { connectionId: first.connectionId });
    opened.delete(first.connectionId);
    const [will] = await watcher.messages;
    expect(will?.payload).toBe('{"online":false}');
    expect(will?.qos).toBe(1);

    for (const name of readdirSync(dataDir)) {
      expect(readFileSync(join(dataDir, name)).includes(Buffer.from(broker.password)), name).toBe(false);
    }
  });

  it('a fixed client ID can be overridden for a second connection', async () => {
    const saved = await call('profiles.save', {
      name: 'fixed-id',
      options: {
        transport: 'mqtt',
        host: broker.host,
        port: broker.ports.mqtt,
        username: broker.username,
        clientId: 'fixed-1',
      },
      secrets: { password: broker.password },
    });
    const a = await call('profiles.connect', { id: saved.id });
    const b = await call('profiles.connect', { id: saved.id, clientId: 'fixed-2' });
    opened.add(a.connectionId).add(b.connectionId);
    expect([a.clientId, b.clientId, a.state, b.state]).toEqual([
      'fixed-1',
      'fixed-2',
      'connected',
      'connected',
    ]);
  });

  it("a wrong stored password fails with the broker's reason, not a crash", async () => {
    const profile = await saveDeviceProfile('intruder', 'not-the-password');
    const status = await call('profiles.connect', { id: profile.id });
    opened.add(status.connectionId);
    expect(status.state).toBe('failed');
    expect(englishOf(status.problem)).toMatch(/user name or password|not authorized/);
  });

  it('the exported mqtt.js snippet runs: it connects with the password from the environment, and its will fires', async () => {
    const profile = await saveDeviceProfile('snippet', broker.password);
    const { code } = await call('profiles.toMqttjs', { id: profile.id });
    expect(code).not.toContain(broker.password);
    // A temp folder that resolves "mqtt" from this repository's node_modules.
    const dir = tempDir('mqscope-snippet-');
    symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'snippet.mjs'), code);
    const child = spawn(process.execPath, [join(dir, 'snippet.mjs')], {
      env: { ...process.env, MQTT_PASSWORD: broker.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await vi.waitFor(() => expect(output).toContain('connected'), { timeout: 10_000, interval: 50 });
      const watcher = await mosquittoSub(broker, { topic: 'lab/snippet/status', count: 1, qos: 1 });
      child.kill('SIGKILL');
      const [will] = await watcher.messages;
      expect(will?.payload).toBe('{"online":false}');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('an unknown profile is a not-found error', async () => {
    const envelope = await dispatch('profiles.connect', { id: 'missing' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('the built web host keeps profiles in --data-dir', () => {
  let host: WebHostProcess | null = null;

  afterEach(async () => {
    await host?.stop();
    host = null;
  });

  it('creates the folder 0700, and still lists the profile after a restart', async () => {
    const dataDir = join(tempDir('mqscope-web-data-'), 'nested', 'data');
    host = await startWebHostProcess(['--data-dir', dataDir]);
    expect(host.output()).toContain(`Profiles are kept in ${dataDir}`);
    const saved = await host.call('profiles.save', {
      name: 'Survives restarts',
      options: { transport: 'ws', host: 'broker.example', port: 8083, keepaliveSeconds: 10 },
      secrets: { password: 'restart-secret-123' },
    });
    expect(saved.ok).toBe(true);
    expect(await host.stop()).toBe(0);
    host = null;
    if (process.platform !== 'win32') expect(statSync(dataDir).mode & 0o777).toBe(0o700);

    host = await startWebHostProcess(['--data-dir', dataDir]);
    const list = await host.call('profiles.list', {});
    expect(list.ok).toBe(true);
    const value = (list as { ok: true; value: ProfileList }).value;
    expect(value.profiles.map((p) => [p.name, p.options.keepaliveSeconds, p.secrets.password])).toEqual([
      ['Survives restarts', 10, true],
    ]);
    expect(value.protection.kind).toBe('file-key');
    expect(englishOf(value.protection.sentence)).toContain(join(dataDir, 'secret.key'));
  });
});
