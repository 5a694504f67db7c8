/**
 * ProfileStore on a real temp folder: round trips, secrets kept out of the file, the
 * queue under concurrent saves, migrations, and every kind of bad file.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeySecretBox, ProfileStore } from '../../../electron/engine';
import { readDocument, serializeDocument } from '../../../electron/engine/profiles/document';
import { filesUnder, options, tempDataDir } from './helpers';

const FIXED_NOW = new Date('2026-11-26T06:40:00.123Z');

function openStore(dataDir: string, now = () => FIXED_NOW): ProfileStore {
  return new ProfileStore({ dataDir, secretBox: new FileKeySecretBox(dataDir), now });
}

const PASSWORD = 'hunter2-very-secret-password';
const PASSPHRASE = 'key-passphrase-Zq9';
const KEY_PEM =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';

describe('ProfileStore round trips', () => {
  it('keeps every option, including bytes, across a restart', async () => {
    const dir = tempDataDir();
    const store = openStore(dir);
    const full = options({
      transport: 'mqtts',
      port: 8883,
      protocolVersion: '5.0',
      clientId: 'device-7',
      username: 'alice',
      keepaliveSeconds: 10,
      clean: false,
      sessionExpirySeconds: 3600,
      reconnect: { maxAttempts: 5, periodMs: 2000 },
      tls: {
        ca: { kind: 'file', path: '/etc/ca.pem' },
        verifyServer: false,
        servername: 'broker',
        alpnProtocols: ['mqtt'],
      },
      will: {
        topic: 'devices/7/status',
        payload: { format: 'bytes', bytes: new Uint8Array([0, 1, 254, 255]) },
        qos: 1,
        retain: true,
        properties: {
          willDelayInterval: 5,
          correlationData: new Uint8Array([9, 8]),
          userProperties: [{ key: 'a', value: 'b' }],
        },
      },
      connectProperties: { receiveMaximum: 20, userProperties: [{ key: 'k', value: 'v' }] },
      wsHeaders: [{ key: 'X-Token', value: 't' }],
    });
    const saved = await store.save({ name: 'Production', folder: 'ACME/Prod', options: full });
    const reopened = await openStore(dir).list();
    expect(reopened.problem).toBeNull();
    expect(reopened.profiles).toEqual([saved]);
    // Trust #13: a header value is a secret: the view names the header, the connection gets the value.
    expect(reopened.profiles[0]?.options).toEqual({ ...full, wsHeaders: [{ key: 'X-Token', value: '' }] });
    expect(reopened.profiles[0]?.secrets.wsHeaders).toEqual(['X-Token']);
    expect(await openStore(dir).connectOptions(saved.id)).toMatchObject({
      wsHeaders: [{ key: 'X-Token', value: 't' }],
    });
  });

  it('keeps, clears and sets secrets, and gives them only to a connection', async () => {
    const dir = tempDataDir();
    const store = openStore(dir);
    const created = await store.save({
      name: 'With secrets',
      options: options({ transport: 'mqtts', tls: { verifyServer: true } }),
      secrets: { password: PASSWORD, passphrase: PASSPHRASE, keyPem: KEY_PEM },
    });
    expect(created.secrets).toEqual({ password: true, passphrase: true, keyPem: true, wsHeaders: [] });
    expect(JSON.stringify(created)).not.toContain(PASSWORD);

    const connect = await openStore(dir).connectOptions(created.id);
    expect(connect.password).toBe(PASSWORD);
    expect(connect.tls).toMatchObject({ passphrase: PASSPHRASE, key: { kind: 'pem', pem: KEY_PEM } });

    // undefined keeps, null clears, a string replaces.
    const edited = await store.save({
      id: created.id,
      name: 'Renamed',
      secrets: { passphrase: null, password: 'new-one' },
    });
    expect(edited.name).toBe('Renamed');
    expect(edited.secrets).toEqual({ password: true, passphrase: false, keyPem: true, wsHeaders: [] });
    expect((await store.connectOptions(created.id)).password).toBe('new-one');

    // Choosing a key file drops the pasted key: one key source.
    const withFile = await store.save({
      id: created.id,
      options: options({
        transport: 'mqtts',
        tls: { verifyServer: true, key: { kind: 'file', path: '/k.pem' } },
      }),
    });
    expect(withFile.secrets.keyPem).toBe(false);
    expect((await store.connectOptions(created.id)).tls?.key).toEqual({ kind: 'file', path: '/k.pem' });
  });

  it('never writes a secret in plain text, in any file of the data folder', async () => {
    const dir = tempDataDir();
    const store = openStore(dir);
    const a = await store.save({
      name: 'A',
      options: options(),
      secrets: { password: PASSWORD, passphrase: PASSPHRASE, keyPem: KEY_PEM },
    });
    await store.duplicate(a.id);
    await store.save({ id: a.id, name: 'A2' }); // rotates a backup holding the secrets too
    await store.delete([a.id]);
    const files = filesUnder(dir);
    expect(files.map((f) => f.path.slice(dir.length + 1)).sort()).toEqual([
      'profiles.json',
      'profiles.json.bak',
      'secret.key',
    ]);
    for (const { path, bytes } of files) {
      for (const secret of [PASSWORD, PASSPHRASE, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7']) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} in ${path}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret).toString('base64')), `${secret} (base64) in ${path}`).toBe(
          false,
        );
      }
    }
  });

  it('keeps the key in a 0600 file and the data folder 0700', async () => {
    const dir = tempDataDir();
    await openStore(dir).save({ name: 'A', options: options(), secrets: { password: PASSWORD } });
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'profiles.json')).mode & 0o077).toBe(0);
    }
    expect(readFileSync(join(dir, 'secret.key'))).toHaveLength(32);
  });

  it('refuses to use a damaged key file that saved secrets depend on, and leaves it as it is', async () => {
    // Trust #10: a damaged key with secrets sealed by it is never replaced (they would be lost).
    const dir = tempDataDir();
    await openStore(dir).save({ name: 'Sealed', options: options(), secrets: { password: PASSWORD } });
    writeFileSync(join(dir, 'secret.key'), 'short', { mode: 0o600 });
    const store = openStore(dir);
    await expect(
      store.save({ name: 'A', options: options(), secrets: { password: PASSWORD } }),
    ).rejects.toThrow(/secret key file .* is damaged/);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8')).toBe('short');
    expect((await store.list()).profiles.map((p) => p.name)).toEqual(['Sealed']);
  });

  it('says which secret cannot be opened when the key was replaced', async () => {
    const dir = tempDataDir();
    const profile = await openStore(dir).save({
      name: 'Lab',
      options: options(),
      secrets: { password: PASSWORD },
    });
    writeFileSync(join(dir, 'secret.key'), Buffer.alloc(32, 7));
    await expect(openStore(dir).connectOptions(profile.id)).rejects.toThrow(
      /saved password of "Lab" cannot be used/,
    );
  });
});

describe('ProfileStore operations', () => {
  it('duplicates next to the original, deletes with undo, reorders and moves', async () => {
    const store = openStore(tempDataDir());
    const a = await store.save({ name: 'A', options: options() });
    const b = await store.save({ name: 'B', options: options() });
    const copy = await store.duplicate(a.id);
    expect(copy.name).toBe('A (copy)');
    expect((await store.duplicate(a.id)).name).toBe('A (copy 2)');
    const names = (await store.list()).profiles.map((p) => p.name);
    expect(names).toEqual(['A', 'A (copy 2)', 'A (copy)', 'B']);

    const { deleted, undoToken } = await store.delete([a.id, b.id]);
    expect(deleted).toBe(2);
    expect((await store.list()).profiles.map((p) => p.name)).toEqual(['A (copy 2)', 'A (copy)']);
    const restored = await store.undoDelete(undoToken);
    expect(restored.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    await expect(store.undoDelete(undoToken)).rejects.toThrow(/nothing to undo/);

    const list = await store.reorder('', [b.id, a.id]);
    expect(list.profiles.map((p) => p.name)).toEqual(['B', 'A', 'A (copy 2)', 'A (copy)']);

    const moved = await store.save({ id: b.id, folder: 'Staging' });
    expect(moved.folder).toBe('Staging');
    expect(moved.options).toEqual(b.options);
  });

  it('reports an unknown profile as not found', async () => {
    const store = openStore(tempDataDir());
    await expect(store.save({ id: 'nope', name: 'x' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('serializes concurrent saves: every one lands and the file stays valid', async () => {
    const dir = tempDataDir();
    const store = openStore(dir);
    const count = 60;
    const saved = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        store.save({ name: `P${i}`, options: options({ port: 1000 + i }), secrets: { password: `pw-${i}` } }),
      ),
    );
    // Renames racing with the creations' tail.
    await Promise.all(saved.slice(0, 20).map((p) => store.save({ id: p.id, name: `${p.name}-renamed` })));
    const read = readDocument(readFileSync(join(dir, 'profiles.json'), 'utf8'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.doc.profiles).toHaveLength(count);
    expect(new Set(read.doc.profiles.map((p) => p.options.port)).size).toBe(count);
    expect(read.doc.profiles.filter((p) => p.name.endsWith('-renamed'))).toHaveLength(20);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
    const reopened = openStore(dir);
    expect((await reopened.list()).profiles).toHaveLength(count);
    expect((await reopened.connectOptions(saved[41]?.id ?? '')).password).toBe('pw-41');
  });

  it('tells listeners about every change', async () => {
    const store = openStore(tempDataDir());
    const seen: number[] = [];
    store.onChanged((list) => seen.push(list.profiles.length));
    const a = await store.save({ name: 'A', options: options() });
    await store.delete([a.id]);
    expect(seen).toEqual([1, 0]);
  });
});

describe('ProfileStore versions', () => {
  it('migrates a version 0 file (a bare array) forward', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    const v0 = [
      {
        name: 'Old dev',
        hostname: 'dev.example',
        port: 1883,
        protocol: 'mqtt',
        clientId: 'old',
        keepalive: 30,
      },
      { name: 'Old ws', hostname: 'ws.example', port: 8083, protocol: 'ws', username: 'bob' },
    ];
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify(v0));
    const store = openStore(dir);
    const list = await store.list();
    expect(list.problem).toBeNull();
    expect(
      list.profiles.map((p) => [p.name, p.options.host, p.options.transport, p.options.keepaliveSeconds]),
    ).toEqual([
      ['Old dev', 'dev.example', 'mqtt', 30],
      ['Old ws', 'ws.example', 'ws', 60],
    ]);
    expect(list.profiles[1]?.options.username).toBe('bob');
    // The next save writes the current format, keeping the old file as the backup.
    await store.save({ name: 'New', options: options() });
    const written = JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')) as { version: number };
    expect(written.version).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, 'profiles.json.bak'), 'utf8'))).toEqual(v0);
  });

  it('serializes the same document it reads', async () => {
    const dir = tempDataDir();
    const store = openStore(dir);
    await store.save({ name: 'A', options: options({ will: { topic: 't', payload: 'bye' } }) });
    const text = readFileSync(join(dir, 'profiles.json'), 'utf8');
    const read = readDocument(text);
    expect(read.ok && serializeDocument(read.doc)).toBe(text);
  });
});

describe('ProfileStore and bad files', () => {
  async function goodFileWithBackup(dir: string): Promise<string> {
    const store = openStore(dir);
    await store.save({ name: 'Kept', options: options() });
    await store.save({ name: 'Also kept', options: options() });
    return readFileSync(join(dir, 'profiles.json'), 'utf8');
  }

  const badFiles: [string, (good: string) => string, RegExp][] = [
    ['corrupt', () => '{"version": 1, "profiles": [ {{{ not json', /not valid JSON/],
    ['truncated', (good) => good.slice(0, Math.floor(good.length / 2)), /not valid JSON/],
    ['empty', () => '', /is empty/],
    [
      'future-version',
      () => JSON.stringify({ version: 99, profiles: [], newField: true }),
      /newer MQScope \(format 99/,
    ],
    [
      'wrong-shape',
      () => JSON.stringify({ version: 1, profiles: [{ id: 'x', name: 'n' }] }),
      /expected shape/,
    ],
    ['not a profiles file', () => JSON.stringify({ hello: 'world' }), /no version/],
    ['v0 with a bad entry', () => JSON.stringify([{ name: 'x', port: 'eighty' }]), /could not be upgraded/],
  ];

  it.each(badFiles)(
    'a %s file: the app starts empty, the file is set aside, the backup restores',
    async (_kind, spoil, message) => {
      const dir = tempDataDir();
      const good = await goodFileWithBackup(dir);
      const badText = spoil(good);
      writeFileSync(join(dir, 'profiles.json'), badText);

      const store = openStore(dir);
      const list = await store.list();
      expect(list.profiles).toEqual([]);
      expect(list.problem?.message).toMatch(message);
      const aside = join(dir, 'profiles.json.bad-2026-11-26T06-40-00Z');
      expect(list.problem?.setAsidePath).toBe(aside);
      expect(list.problem?.backupAvailable).toBe(true);
      expect(readFileSync(aside, 'utf8')).toBe(badText);
      expect(existsSync(join(dir, 'profiles.json'))).toBe(false);

      // Working on regardless: a new profile is saved, and neither the bad file nor the backup is touched.
      const backupBefore = readFileSync(join(dir, 'profiles.json.bak'), 'utf8');
      await store.save({ name: 'Made after', options: options() });
      await store.save({ name: 'Made after 2', options: options() });
      expect(readFileSync(aside, 'utf8')).toBe(badText);
      expect(readFileSync(join(dir, 'profiles.json.bak'), 'utf8')).toBe(backupBefore);

      const restored = await store.restoreBackup();
      expect(restored.problem).toBeNull();
      expect(restored.profiles.map((p) => p.name).sort()).toEqual(['Kept', 'Made after', 'Made after 2']);
      expect((await openStore(dir).list()).profiles).toHaveLength(3);
      expect(readFileSync(aside, 'utf8')).toBe(badText);
    },
  );

  it('never sets one bad file aside over another', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'profiles.json'), 'first bad');
    await openStore(dir).list();
    writeFileSync(join(dir, 'profiles.json'), 'second bad');
    const list = await openStore(dir).list();
    expect(list.problem?.setAsidePath).toBe(join(dir, 'profiles.json.bad-2026-11-26T06-40-00Z-2'));
    expect(list.problem?.backupAvailable).toBe(false);
    expect(readFileSync(join(dir, 'profiles.json.bad-2026-11-26T06-40-00Z'), 'utf8')).toBe('first bad');
    await expect(openStore(dir).restoreBackup()).rejects.toThrow(/no backup/);
  });

  it('offers the backup when the profiles file itself is gone', async () => {
    const dir = tempDataDir();
    await goodFileWithBackup(dir);
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'profiles.json'));
    const store = openStore(dir);
    expect((await store.list()).problem).toMatchObject({ backupAvailable: true, setAsidePath: null });
    expect((await store.restoreBackup()).profiles.map((p) => p.name)).toEqual(['Kept']);
  });
});
