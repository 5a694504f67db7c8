/**
 * Data safety of the profiles store on a real temp folder: another writer on the same file
 * (Trust #9), the secret key (Trust #10), the import's scrypt cost (Trust #11), temp files
 * of crashed writers (Trust #12), WebSocket header values as secrets (Trust #13), the
 * folder's mode (Trust #14) and a BOM (Trust #15).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeySecretBox, ProfileStore } from '../../../electron/engine';
import { lockDataFolder, prepareDataFolder } from '../../../electron/engine/fs/data-folder';
import { removeStaleTemps } from '../../../electron/engine/fs/temp-files';
import { buildExport, parseExport } from '../../../electron/engine/profiles/exchange-format';
import { filesUnder, options, tempDataDir } from './helpers';

const openStore = (dir: string) => new ProfileStore({ dataDir: dir, secretBox: new FileKeySecretBox(dir) });
const TOKEN = 'Bearer eyJhbGciOiJIUzI1NiJ9.fixture-token-v1';

function containsAnywhere(dir: string, secret: string): string[] {
  return filesUnder(dir)
    .filter(({ bytes }) => bytes.includes(Buffer.from(secret)))
    .map(({ path }) => path);
}

describe('two stores on one profiles file (Trust #9)', () => {
  it('racing concurrent saves: every acknowledged save is in the file', async () => {
    const dir = tempDataDir();
    const a = openStore(dir);
    const b = openStore(dir);
    const saves = Array.from({ length: 100 }, (_, n) =>
      (n % 2 ? a : b).save({ name: `p${n}`, options: options() }),
    );
    const settled = await Promise.allSettled(saves);
    const acked = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.id] : []));
    for (const s of settled) if (s.status === 'rejected') expect(String(s.reason)).toMatch(/\w/);
    const onDisk = new Set((await openStore(dir).list()).profiles.map((p) => p.id));
    expect(acked.filter((id) => !onDisk.has(id))).toEqual([]);
    expect(acked).toHaveLength(100);
  });

  it('an edit of a profile the other store deleted is refused, not silently resurrected', async () => {
    const dir = tempDataDir();
    const a = openStore(dir);
    const b = openStore(dir);
    const p = await a.save({ name: 'Shared', options: options() });
    await b.list();
    await a.delete([p.id]);
    await expect(b.save({ id: p.id, name: 'Renamed' })).rejects.toThrow(/no longer exists/);
    // b now shows what is on disk.
    expect((await b.list()).profiles).toEqual([]);
  });

  it("keeps the other store's change to a profile it did not touch", async () => {
    const dir = tempDataDir();
    const a = openStore(dir);
    const b = openStore(dir);
    const one = await a.save({ name: 'One', options: options() });
    const two = await a.save({ name: 'Two', options: options() });
    await b.list();
    await a.save({ id: one.id, name: 'One (edited by a)' });
    await b.save({ id: two.id, name: 'Two (edited by b)' });
    const names = (await openStore(dir).list()).profiles.map((p) => p.name).sort();
    expect(names).toEqual(['One (edited by a)', 'Two (edited by b)']);
  });
});

describe('the secret key (Trust #10)', () => {
  it('replaces a 0-byte key that no saved secret depends on, at start', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'secret.key'), '');
    const store = openStore(dir);
    const saved = await store.save({ name: 'A', options: options(), secrets: { password: 'pw' } });
    expect(statSync(join(dir, 'secret.key')).size).toBe(32);
    expect((await openStore(dir).connectOptions(saved.id)).password).toBe('pw');
  });

  it('names the file when a short key has secrets that depend on it, and keeps it', async () => {
    const dir = tempDataDir();
    await openStore(dir).save({ name: 'A', options: options(), secrets: { password: 'pw' } });
    writeFileSync(join(dir, 'secret.key'), Buffer.alloc(5));
    const store = openStore(dir);
    await expect(store.save({ name: 'B', options: options(), secrets: { password: 'x' } })).rejects.toThrow(
      `The secret key file ${join(dir, 'secret.key')} is damaged (5 bytes instead of 32)`,
    );
    expect(statSync(join(dir, 'secret.key')).size).toBe(5);
  });
});

describe('an import file choosing its own scrypt cost (Trust #11)', () => {
  /** A real export with secrets, its sealed block then given another cost. */
  async function exportWith(cost: { N: number; r: number; p: number }): Promise<string> {
    const profile = {
      id: 'i',
      name: 'n',
      folder: '',
      order: 0,
      createdAt: 0,
      updatedAt: 0,
      options: options(),
      secrets: {},
    };
    const { text } = await buildExport(
      [{ profile, secrets: { password: 'p' } }],
      'x',
      'a-long-passphrase',
      new Date(0),
    );
    const file = JSON.parse(text) as { sealedSecrets: Record<string, unknown> };
    return JSON.stringify({ ...file, sealedSecrets: { ...file.sealedSecrets, ...cost } });
  }

  it.each([
    [{ N: 2 ** 20, r: 32, p: 1 }, /N=1048576, r=32; at most N=32768, r=8/],
    [{ N: 2 ** 15, r: 8, p: 16 }, /p=16; at most p=1/],
    [{ N: 2 ** 16, r: 8, p: 1 }, /N=65536; at most N=32768/],
  ])('refuses %o before running scrypt', async (cost, message) => {
    const text = await exportWith(cost);
    const started = Date.now();
    await expect(parseExport(text, 'a-long-passphrase')).rejects.toThrow(message);
    // Asked before the passphrase too: no point asking for one that cannot be used.
    await expect(parseExport(text)).rejects.toThrow(/far costlier than MQScope exports write/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('still opens what the exporter writes', async () => {
    const text = await exportWith({ N: 2 ** 15, r: 8, p: 1 });
    const parsed = await parseExport(text, 'a-long-passphrase');
    expect(parsed.status === 'ok' && parsed.candidates[0]?.secrets.password).toBe('p');
  });
});

describe('temp files of crashed writers (Trust #12)', () => {
  function deadPid(): number {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    return Number(child.stdout.toString());
  }

  it('at store start: removes those of a dead writer or older than a minute, keeps a live fresh one', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    const dead = `profiles.json.tmp-${deadPid()}-0a0b0c0d`;
    const old = `profiles.json.tmp-${process.pid}-11111111`;
    const live = `profiles.json.tmp-${process.pid}-22222222`;
    const keyTemp = `secret.key.tmp-${deadPid()}-33333333`;
    for (const name of [dead, old, live, keyTemp]) writeFileSync(join(dir, name), 'x'.repeat(1000));
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(join(dir, old), twoMinutesAgo, twoMinutesAgo);
    await openStore(dir).list();
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([live]);
  });

  it('once the folder lock is held, every temp file is stale', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `profiles.json.tmp-${process.pid}-44444444`), '{');
    writeFileSync(join(dir, 'unrelated.tmp'), 'not ours');
    const lock = await lockDataFolder(dir);
    try {
      expect(lock.removedTemps).toEqual([`profiles.json.tmp-${process.pid}-44444444`]);
      expect(
        readdirSync(dir)
          .filter((n) => n.includes('tmp'))
          .sort(),
      ).toEqual(['unrelated.tmp']);
    } finally {
      await lock.release();
    }
    expect(await removeStaleTemps(dir, { all: true })).toEqual([]);
  });
});

describe('WebSocket header values are secrets (Trust #13)', () => {
  const wsOptions = () =>
    options({
      transport: 'ws',
      wsHeaders: [
        { key: 'Authorization', value: TOKEN },
        { key: 'X-Empty', value: '' },
      ],
    });

  it('sealed at rest, never in a view, given to the connection', async () => {
    const dir = tempDataDir();
    const store = openStore(dir);
    const saved = await store.save({ name: 'WS', options: wsOptions() });
    expect(JSON.stringify(saved)).not.toContain(TOKEN);
    expect(saved.options.wsHeaders).toEqual([
      { key: 'Authorization', value: '' },
      { key: 'X-Empty', value: '' },
    ]);
    expect(saved.secrets.wsHeaders).toEqual(['Authorization']);
    expect(JSON.stringify(await store.list())).not.toContain(TOKEN);
    expect((await store.connectOptions(saved.id)).wsHeaders).toEqual([
      { key: 'Authorization', value: TOKEN },
      { key: 'X-Empty', value: '' },
    ]);
    await store.save({ id: saved.id, name: 'WS 2' }); // a backup is rotated too
    expect(containsAnywhere(dir, TOKEN)).toEqual([]);
    expect(containsAnywhere(dir, 'eyJhbGciOiJIUzI1NiJ9')).toEqual([]);
  });

  it('an empty value keeps the saved one, a typed value replaces it, a removed header loses it', async () => {
    const store = openStore(tempDataDir());
    const saved = await store.save({ name: 'WS', options: wsOptions() });
    const kept = await store.save({
      id: saved.id,
      options: options({ transport: 'ws', wsHeaders: [{ key: 'Authorization', value: '' }] }),
    });
    expect(kept.secrets.wsHeaders).toEqual(['Authorization']);
    expect((await store.connectOptions(saved.id)).wsHeaders).toEqual([
      { key: 'Authorization', value: TOKEN },
    ]);
    await store.save({
      id: saved.id,
      options: options({ transport: 'ws', wsHeaders: [{ key: 'Authorization', value: 'Bearer new' }] }),
    });
    expect((await store.connectOptions(saved.id)).wsHeaders).toEqual([
      { key: 'Authorization', value: 'Bearer new' },
    ]);
    const removed = await store.save({ id: saved.id, options: options({ transport: 'ws' }) });
    expect(removed.secrets.wsHeaders).toEqual([]);
  });

  it('left out of an export without secrets; sealed in one with secrets, and imported back', async () => {
    const dir = tempDataDir();
    const store = openStore(dir);
    const saved = await store.save({ name: 'WS', options: wsOptions() });
    const items = await store.exportable({ kind: 'one', id: saved.id });
    const plain = await buildExport(
      items.map(({ profile }) => ({ profile, secrets: {} })),
      'WS',
      undefined,
      new Date(0),
    );
    expect(plain.text).not.toContain(TOKEN);
    const sealed = await buildExport(items, 'WS', 'a-long-passphrase', new Date(0));
    expect(sealed.text).not.toContain(TOKEN);
    const parsed = await parseExport(sealed.text, 'a-long-passphrase');
    if (parsed.status !== 'ok') throw new Error('expected candidates');
    const other = openStore(tempDataDir());
    const result = await other.importCandidates(parsed.candidates);
    const id = result.status === 'done' ? result.report[0]?.profileId : null;
    expect((await other.connectOptions(id as string)).wsHeaders?.[0]).toEqual({
      key: 'Authorization',
      value: TOKEN,
    });
  });

  it("migrates today's format (profiles-v1.json): header values sealed, backup too, nothing lost", async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    copyFileSync('tests/fixtures/profiles-v1.json', join(dir, 'profiles.json'));
    copyFileSync('tests/fixtures/profiles-v1.json', join(dir, 'profiles.json.bak'));
    const store = openStore(dir);
    const list = await store.list();
    expect(list.problem).toBeNull();
    expect(list.profiles.map((p) => [p.name, p.folder, p.options.host, p.secrets.wsHeaders])).toEqual([
      ['Local TCP', '', '127.0.0.1', []],
      ['Gateway (WebSocket, token)', 'Customers/ACME', 'gateway.acme.example', ['Authorization', 'X-Tenant']],
    ]);
    const gateway = list.profiles[1];
    expect((await store.connectOptions(gateway?.id as string)).wsHeaders).toEqual([
      { key: 'Authorization', value: TOKEN },
      { key: 'X-Tenant', value: 'acme-tenant-7' },
    ]);
    // Written at once in format 2, and no plain-text value is left in any file.
    expect(JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8'))).toMatchObject({ version: 2 });
    expect(containsAnywhere(dir, 'fixture-token-v1')).toEqual([]);
    expect(containsAnywhere(dir, 'acme-tenant-7')).toEqual([]);
  });
});

describe('the data folder (Trust #14)', () => {
  it('tightens an existing 0777 folder of ours to 0700', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    expect(await prepareDataFolder(dir)).toBeNull();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("warns once, leaving it as it is, when the folder is another user's", async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    // As root (the test machine) the folder can be given away; as anyone else it is ours only.
    const canChown = typeof process.getuid === 'function' && process.getuid() === 0;
    if (canChown) chownSync(dir, 4242, 4242);
    const warning = await prepareDataFolder(dir);
    if (canChown) {
      expect(warning).toBe(
        `The data folder ${dir} is open to other users (mode 0777) and belongs to another user, so MQScope leaves it as it is: they may read the profiles and the secret key.`,
      );
      expect(statSync(dir).mode & 0o777).toBe(0o777);
    } else {
      expect(warning).toBeNull();
    }
  });
});

describe('a profiles file with a UTF-8 BOM (Trust #15)', () => {
  it('is read, and the BOM is not written back', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true });
    const text = readFileSync('tests/fixtures/profiles-v1.json', 'utf8');
    writeFileSync(join(dir, 'profiles.json'), `\uFEFF${text}`);
    const store = openStore(dir);
    const list = await store.list();
    expect(list.problem).toBeNull();
    expect(list.profiles).toHaveLength(2);
    await store.save({ name: 'New', options: options() });
    const bytes = readFileSync(join(dir, 'profiles.json'));
    expect(bytes.subarray(0, 3)).not.toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes[0]).toBe('{'.charCodeAt(0));
    expect(existsSync(join(dir, 'profiles.json'))).toBe(true);
  });
});
