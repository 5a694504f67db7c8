/**
 * Export and import in MQScope's own format, through the engine's handlers: secrets left
 * out unless asked for, sealed with a passphrase when they are, and no silent overwrite.
 */
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../electron/contract';
import { createEngine } from '../../../electron/engine';
import { createDispatch } from '../../../electron/host/dispatch';
import { dispatchCall } from '../../support/dispatch-call';
import { tempDataDir } from './helpers';

function engineAt(dataDir = tempDataDir()) {
  const dispatch = createDispatch(createEngine({ host: 'web', version: 'test' }, { dataDir }).handlers);
  return dispatchCall(() => dispatch);
}

const SECRET = 'exported-password-1';

async function seeded() {
  const call = engineAt();
  const a = await call('profiles.save', {
    name: 'Sensor',
    folder: 'Plant/North',
    options: {
      transport: 'mqtt',
      host: 'plant.local',
      port: 1883,
      keepaliveSeconds: 10,
      will: {
        topic: 'plant/sensor/status',
        payload: { format: 'bytes', bytes: new Uint8Array([1, 2, 3]) },
        qos: 1,
      },
    },
    secrets: { password: SECRET },
  });
  await call('profiles.save', {
    name: 'Other',
    folder: 'Plant',
    options: { transport: 'ws', host: 'o', port: 80 },
  });
  await call('profiles.save', { name: 'Elsewhere', options: { transport: 'mqtt', host: 'e', port: 1883 } });
  return { call, a };
}

describe('own-format export and import', () => {
  it('exports one, a folder (with subfolders) or all; secrets only when asked', async () => {
    const { call, a } = await seeded();
    const one = await call('profiles.export', { scope: { kind: 'one', id: a.id } });
    expect(one).toMatchObject({
      count: 1,
      secretsIncluded: false,
      fileName: expect.stringMatching(/^mqscope-Sensor-.*\.json$/),
    });
    expect(one.text).not.toContain(SECRET);
    expect(JSON.parse(one.text)).not.toHaveProperty('sealedSecrets');
    expect((await call('profiles.export', { scope: { kind: 'folder', folder: 'Plant' } })).count).toBe(2);
    expect((await call('profiles.export', { scope: { kind: 'all' } })).count).toBe(3);

    const sealed = await call('profiles.export', {
      scope: { kind: 'all' },
      includeSecrets: { passphrase: 'correct horse' },
    });
    expect(sealed.secretsIncluded).toBe(true);
    expect(sealed.text).not.toContain(SECRET);
    expect(sealed.text).not.toContain(Buffer.from(SECRET).toString('base64'));
  });

  it('refuses a short passphrase', async () => {
    const { call } = await seeded();
    await expect(
      call('profiles.export', { scope: { kind: 'all' }, includeSecrets: { passphrase: 'short' } }),
    ).rejects.toThrow(/at least 8/);
  });

  it('imports into another data folder with the secrets, after the passphrase', async () => {
    const { call, a } = await seeded();
    const { text } = await call('profiles.export', {
      scope: { kind: 'one', id: a.id },
      includeSecrets: { passphrase: 'correct horse' },
    });
    const other = engineAt();
    expect(await other('profiles.import', { text })).toEqual({ status: 'needs-passphrase' });
    await expect(other('profiles.import', { text, passphrase: 'wrong horse' })).rejects.toThrow(
      /does not open/,
    );
    const done = await other('profiles.import', { text, passphrase: 'correct horse' });
    expect(done).toMatchObject({
      status: 'done',
      report: [{ name: 'Sensor', outcome: 'created', profileId: a.id }],
    });
    const [imported] = (await other('profiles.list', {})).profiles;
    expect(imported).toMatchObject({ name: 'Sensor', folder: 'Plant/North', secrets: { password: true } });
    expect(imported?.options).toEqual(a.options);
    expect((await other('profiles.toMqttjs', { id: a.id })).code).toContain('process.env.MQTT_PASSWORD');
  });

  it('can import a sealed file without its secrets', async () => {
    const { call, a } = await seeded();
    const { text } = await call('profiles.export', {
      scope: { kind: 'one', id: a.id },
      includeSecrets: { passphrase: 'correct horse' },
    });
    const other = engineAt();
    const done = await other('profiles.import', { text, ignoreSecrets: true });
    expect(done).toMatchObject({
      status: 'done',
      report: [{ outcome: 'created', notes: [{ field: 'secrets' }] }],
    });
    expect((await other('profiles.list', {})).profiles[0]?.secrets.password).toBe(false);
  });

  it('never overwrites without asking: conflicts first, then copy, overwrite or skip', async () => {
    const { call, a } = await seeded();
    const { text } = await call('profiles.export', { scope: { kind: 'one', id: a.id } });
    const conflicts = await call('profiles.import', { text });
    expect(conflicts).toEqual({
      status: 'conflicts',
      total: 1,
      conflicts: [
        { index: 0, name: 'Sensor', folder: 'Plant/North', existingId: a.id, existingName: 'Sensor' },
      ],
    } satisfies ImportResult);
    expect((await call('profiles.list', {})).profiles).toHaveLength(3);

    const copy = await call('profiles.import', { text, onConflict: 'copy' });
    expect(copy).toMatchObject({ status: 'done', report: [{ name: 'Sensor (copy)', outcome: 'created' }] });
    const skip = await call('profiles.import', { text, onConflict: 'skip' });
    expect(skip).toMatchObject({ status: 'done', report: [{ outcome: 'skipped', profileId: null }] });
    expect((await call('profiles.list', {})).profiles).toHaveLength(4);

    await call('profiles.save', { id: a.id, options: { transport: 'mqtt', host: 'changed', port: 1 } });
    const overwrite = await call('profiles.import', { text, onConflict: 'overwrite' });
    expect(overwrite).toMatchObject({
      status: 'done',
      report: [{ outcome: 'overwritten', profileId: a.id }],
    });
    const restored = (await call('profiles.list', {})).profiles.find((p) => p.id === a.id);
    expect(restored?.options.host).toBe('plant.local');
    // The export had no secrets: overwriting replaced the profile, password included.
    expect(restored?.secrets.password).toBe(false);
  });

  it('says clearly what is wrong with a file that is not an export', async () => {
    const call = engineAt();
    await expect(call('profiles.import', { text: '{"format":"other"}' })).rejects.toThrow(
      /not an MQScope profiles export/,
    );
    await expect(call('profiles.import', { text: '[{"host":"x"}]' })).rejects.toThrow(/MQTTX/);
    await expect(call('profiles.import', { text: '{{' })).rejects.toThrow(/not valid JSON/);
    const future = JSON.stringify({ format: 'mqscope-profiles', version: 9, profiles: [] });
    await expect(call('profiles.import', { text: future })).rejects.toThrow(/newer MQScope/);
  });

  it('imports an MQTTX export through the engine, with conflicts on a second run', async () => {
    const call = engineAt();
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../fixtures/mqttx-export.json', import.meta.url), 'utf8');
    const first = await call('profiles.importMqttx', { text });
    expect(first.status).toBe('done');
    if (first.status !== 'done') return;
    expect(first.report.map((r) => r.outcome)).toEqual([
      'created',
      'created',
      'created',
      'created',
      'failed',
    ]);
    const second = await call('profiles.importMqttx', { text });
    expect(second).toMatchObject({ status: 'conflicts', total: 4 });
  });
});
