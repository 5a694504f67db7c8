// Issue 13 #1 (presets, topic schemas and payload codecs belong to the profile; a versioned
// migration of the old presets file) and issue 12 #1 (codec bindings next to the schemas).
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRESETS_FILE, PRESETS_V1_BACKUP, PresetStore } from '../../electron/engine/presets/preset-store';

const V1_FIXTURE = fileURLToPath(new URL('../fixtures/presets/publish-presets-v1.json', import.meta.url));

const profiles = async () => [
  { id: 'p-home', host: 'broker.example.com', port: 1883 },
  { id: 'p-lab', host: 'lab.local', port: 1883 },
];

describe('payload formats store (version 2)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mqscope-formats-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('migrates a real version 1 file: presets go to profiles by broker, the rest stay by broker, nothing is lost', async () => {
    await copyFile(V1_FIXTURE, join(dir, PRESETS_FILE));
    const store = new PresetStore(() => dir, profiles);
    const home = await store.list({ profileId: 'p-home', broker: 'broker.example.com:1883' });
    expect(home.map((p) => p.name)).toEqual(['Ping', 'Reboot']);
    // Presets no profile claimed are still shown for their broker.
    expect((await store.list({ broker: '10.0.0.5:8883' })).map((p) => p.name)).toEqual(['Orphan']);
    expect((await store.list({ broker: 'constructor' })).map((p) => p.name)).toEqual(['Odd key']);
    // The global schemas of version 1: every profile's, and still those without a profile.
    const schema = { pattern: 'devices/+/cmd', schema: '{"type":"object","required":["cmd"]}' };
    expect(await store.listSchemas('p-lab')).toEqual([schema]);
    expect(await store.listSchemas()).toEqual([schema]);

    const written = JSON.parse(await readFile(join(dir, PRESETS_FILE), 'utf8')) as {
      version: number;
      profiles: Record<string, unknown>;
      brokers: Record<string, unknown>;
    };
    expect(written.version).toBe(2);
    expect(Object.keys(written.profiles).sort()).toEqual(['p-home', 'p-lab']);
    expect(Object.keys(written.brokers).sort()).toEqual(['10.0.0.5:8883', 'constructor']);
    // The old file is kept, byte for byte.
    expect(await readFile(join(dir, PRESETS_V1_BACKUP), 'utf8')).toBe(await readFile(V1_FIXTURE, 'utf8'));
    expect((await readdir(dir)).sort()).toEqual([PRESETS_FILE, PRESETS_V1_BACKUP].sort());

    // A second start reads version 2 as it is.
    const again = new PresetStore(
      () => dir,
      async () => [],
    );
    expect((await again.list({ profileId: 'p-home', broker: 'x:1' })).map((p) => p.name)).toEqual([
      'Ping',
      'Reboot',
    ]);
  });

  it('keeps codec bindings and .proto files per profile, apart from other profiles', async () => {
    const store = new PresetStore(() => dir);
    const formats = {
      topicSchemas: [],
      codecBindings: [
        { pattern: 'spBv1.0/#', codec: 'sparkplugb' as const },
        { pattern: 'acme/+/t', codec: 'protobuf' as const, messageType: 'acme.T' },
      ],
      protoFiles: [
        { name: 'acme.proto', text: 'syntax = "proto3"; package acme; message T { int32 v = 1; }' },
      ],
    };
    await store.saveFormats(formats, 'p-1');
    const reopened = new PresetStore(() => dir);
    expect(await reopened.getFormats('p-1')).toEqual(formats);
    expect(await reopened.getFormats('p-2')).toEqual({ topicSchemas: [], codecBindings: [], protoFiles: [] });
    expect((await reopened.getFormats()).codecBindings).toEqual([]);
  });

  it('refuses a .proto that does not parse with file, line and column, and a type it lacks; saves nothing', async () => {
    const store = new PresetStore(() => dir);
    const bad = { name: 'bad.proto', text: 'syntax = "proto3";\nmessage A {\n  int32 x = 1 @\n}\n' };
    const refused = store.saveFormats({ topicSchemas: [], codecBindings: [], protoFiles: [bad] }, 'p');
    // Issue 14 #2: file, line and column are parameters of a key; protobufjs's words ride as detail.
    await expect(refused).rejects.toMatchObject({
      text: {
        key: 'presets.protoProblemAt',
        params: { file: 'bad.proto', line: 3, column: 15, whyKey: 'codec.failed' },
      },
    });
    await expect(refused).rejects.toThrow(/^bad\.proto, line 3, column 15: /);
    const good = { name: 'a.proto', text: 'syntax = "proto3"; message A { int32 x = 1; }' };
    await expect(
      store.saveFormats(
        {
          topicSchemas: [],
          codecBindings: [{ pattern: '#', codec: 'protobuf', messageType: 'B' }],
          protoFiles: [good],
        },
        'p',
      ),
    ).rejects.toThrow('No message type "B"');
    expect(await readdir(dir)).toEqual([]);
  });

  it("a profile shows its own presets before its broker's, and saves go to the profile", async () => {
    const store = new PresetStore(() => dir);
    await store.save({ broker: 'h:1' }, { ...(await sample('Old')) });
    await store.save({ broker: 'h:1', profileId: 'p' }, await sample('New'));
    expect((await store.list({ broker: 'h:1', profileId: 'p' })).map((p) => p.name)).toEqual(['New', 'Old']);
    expect((await store.list({ broker: 'h:1' })).map((p) => p.name)).toEqual(['Old']);
    expect((await store.remove({ broker: 'h:1', profileId: 'p' }, 'Old')).map((p) => p.name)).toEqual([
      'New',
    ]);
  });
});

async function sample(name: string) {
  const { emptyProperties } = await import('../../src/publish/draft');
  return {
    name,
    topic: 't',
    format: 'json' as const,
    text: '{}',
    qos: 0 as const,
    retain: false,
    properties: emptyProperties(),
  };
}
