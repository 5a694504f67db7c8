import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Preset } from '../../electron/contract';
import { PRESETS_FILE, PresetStore } from '../../electron/engine/presets/preset-store';
import { emptyProperties } from '../../src/publish/draft';

const preset = (name: string, topic = 'devices/1/cmd'): Preset => ({
  name,
  topic,
  format: 'json',
  text: '{"cmd":"ping","n":{{counter}}}',
  qos: 1,
  retain: false,
  properties: { ...emptyProperties(), userProperties: [{ key: 'k', value: 'v' }] },
});

describe('preset store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mqscope-presets-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves per broker, replaces by name and survives a restart', async () => {
    const store = new PresetStore(() => dir);
    await store.save({ broker: '127.0.0.1:1883' }, preset('Ping'));
    await store.save({ broker: '127.0.0.1:1883' }, preset('Reboot'));
    await store.save({ broker: '127.0.0.1:1883' }, preset('Ping', 'devices/2/cmd'));
    await store.save({ broker: 'other:1883' }, preset('Elsewhere'));
    await store.saveSchemas([{ pattern: 'devices/+/cmd', schema: '{"type":"object"}' }]);

    const reopened = new PresetStore(() => dir);
    const list = await reopened.list({ broker: '127.0.0.1:1883' });
    expect(list.map((p) => [p.name, p.topic])).toEqual([
      ['Ping', 'devices/2/cmd'],
      ['Reboot', 'devices/1/cmd'],
    ]);
    expect(list[0]?.properties.userProperties).toEqual([{ key: 'k', value: 'v' }]);
    expect(await reopened.list({ broker: 'nobody:1' })).toEqual([]);
    expect(await reopened.listSchemas()).toEqual([{ pattern: 'devices/+/cmd', schema: '{"type":"object"}' }]);

    expect(await reopened.remove({ broker: 'other:1883' }, 'Elsewhere')).toEqual([]);
    const file = JSON.parse(await readFile(join(dir, PRESETS_FILE), 'utf8')) as { brokers: object };
    expect(Object.keys(file.brokers)).toEqual(['127.0.0.1:1883']);
    // Atomic writes leave no temp files behind.
    expect(await readdir(dir)).toEqual([PRESETS_FILE]);
  });

  it('keeps an unreadable file aside instead of losing it, and starts fresh', async () => {
    await writeFile(join(dir, PRESETS_FILE), '{ this is not json');
    const store = new PresetStore(() => dir);
    expect(await store.list({ broker: 'a:1' })).toEqual([]);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith(`${PRESETS_FILE}.broken-`))).toBe(true);
    await store.save({ broker: 'a:1' }, preset('Fresh'));
    expect((await new PresetStore(() => dir).list({ broker: 'a:1' })).map((p) => p.name)).toEqual(['Fresh']);
  });

  it('serialises concurrent saves: none is lost', async () => {
    const store = new PresetStore(() => dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save({ broker: 'b:1' }, preset(`P${i}`))));
    expect(await new PresetStore(() => dir).list({ broker: 'b:1' })).toHaveLength(20);
  });

  it('works in memory without a data dir', async () => {
    const store = new PresetStore(undefined);
    await store.save({ broker: 'c:1' }, preset('Mem'));
    expect((await store.list({ broker: 'c:1' })).map((p) => p.name)).toEqual(['Mem']);
  });

  // Trust #2: broker keys are user input; Object's own names must be ordinary keys.
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'])(
    'keeps %s as an ordinary broker key, in memory and on disk',
    async (broker) => {
      const store = new PresetStore(() => dir);
      expect(await store.list({ broker: broker })).toEqual([]);
      expect((await store.save({ broker: broker }, preset('A'))).map((p) => p.name)).toEqual(['A']);
      expect(await store.list({ broker: 'other:1' })).toEqual([]);
      const reopened = new PresetStore(() => dir);
      expect((await reopened.list({ broker: broker })).map((p) => p.name)).toEqual(['A']);
      expect(await reopened.remove({ broker: broker }, 'A')).toEqual([]);
      expect(await new PresetStore(() => dir).list({ broker: broker })).toEqual([]);
      // Nothing leaked onto Object.prototype.
      expect(Object.hasOwn(Object.prototype, 'A')).toBe(false);
    },
  );

  it('reads a file whose broker key is "__proto__" as that key', async () => {
    await writeFile(
      join(dir, PRESETS_FILE),
      `{"version":1,"presets":{"__proto__":[${JSON.stringify(preset('Proto'))}]},"topicSchemas":[]}`,
    );
    const store = new PresetStore(() => dir);
    expect((await store.list({ broker: '__proto__' })).map((p) => p.name)).toEqual(['Proto']);
    expect(await store.list({ broker: 'constructor' })).toEqual([]);
  });
});
