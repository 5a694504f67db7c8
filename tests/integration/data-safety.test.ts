/**
 * Data safety with real processes (Trust #9, #10, #12; Workspace 13.5): two hosts on one
 * data folder, two writers racing on one profiles file, a writer killed mid-save, and a
 * full disk (a small tmpfs) at the first secret save.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProfileOptionsSchema } from '../../electron/contract';
import { FileKeySecretBox, ProfileStore } from '../../electron/engine';
import { PID_FILE } from '../../electron/engine/fs/data-folder';
import { readDocument } from '../../electron/engine/profiles/document';
import { buildProfileWriter, startProfileWriter, type WriterLine } from '../support/profile-writer-process';
import { runWebHostToExit, startWebHostProcess, type WebHostProcess } from '../support/web-host-process';

const tempDir = () => join(mkdtempSync(join(tmpdir(), 'mqscope-safety-')), 'data');
const options = () => ProfileOptionsSchema.parse({ transport: 'mqtt', host: 'broker.local', port: 1883 });
const openStore = (dir: string) => new ProfileStore({ dataDir: dir, secretBox: new FileKeySecretBox(dir) });
const tempsIn = (dir: string) => readdirSync(dir).filter((n) => n.includes('.tmp-'));

const hosts: WebHostProcess[] = [];
afterAll(async () => {
  for (const host of hosts) await host.stop();
});

describe('two web hosts on one data folder (Workspace 13.5, Trust #9)', () => {
  it('second web host on the same data folder: one clear line, exit 1', async () => {
    const dir = tempDir();
    const first = await startWebHostProcess(['--data-dir', dir]);
    hosts.push(first);
    const second = await runWebHostToExit(['--data-dir', dir]);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toBe(
      `The data folder ${dir} is in use by another MQScope (PID ${first.pid}). Stop it first, or start this one with --data-dir <another folder>.\n`,
    );
    // The first one is untouched and still saves.
    const saved = await first.call('profiles.save', { name: 'Still mine', options: options() });
    expect(saved.ok).toBe(true);
    await first.stop();
  });

  it('takes over the lock of a host that was killed (kill -9)', async () => {
    const dir = tempDir();
    const killed = await startWebHostProcess(['--data-dir', dir]);
    process.kill(killed.pid, 'SIGKILL');
    await killed.stop(); // resolves once the killed process is reaped
    // Its lock is left behind, unrefreshed: the next host takes it over once it is stale.
    const next = await startWebHostProcess(['--data-dir', dir]);
    hosts.push(next);
    expect(JSON.parse(readFileSync(join(dir, PID_FILE), 'utf8'))).toMatchObject({ pid: next.pid });
    expect((await next.call('profiles.save', { name: 'After takeover', options: options() })).ok).toBe(true);
    await next.stop();
  }, 45_000);
});

describe('writers racing and dying on one profiles file (Trust #9, #12)', () => {
  let writer: string;
  beforeAll(async () => {
    writer = await buildProfileWriter();
  }, 60_000);

  it('two processes racing 100 concurrent saves each: every acknowledged save is in the file', async () => {
    const dir = tempDir();
    const a = startProfileWriter(writer, dir, 'race', 100, 'a');
    const b = startProfileWriter(writer, dir, 'race', 100, 'b');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    const lines: WriterLine[] = [...a.lines, ...b.lines];
    expect(lines).toHaveLength(200);
    const acked = lines.filter((l) => l.acked !== undefined);
    // A save is acknowledged or refused with a reason; none vanishes.
    for (const line of lines.filter((l) => l.refused !== undefined)) expect(line.message).toMatch(/\w+/);
    expect(acked.length).toBeGreaterThan(0);

    const store = openStore(dir);
    const ids = new Set((await store.list()).profiles.map((p) => p.id));
    const lost = acked.filter((l) => !ids.has(l.acked as string));
    expect(lost).toEqual([]);
    // Both processes used one secret key: every password opens.
    for (const line of [acked[0], acked[acked.length - 1]]) {
      const connect = await store.connectOptions(line?.acked as string);
      expect(connect.password).toBe(`pw-${line?.name}`);
    }
    expect(tempsIn(dir)).toEqual([]);
  }, 60_000);

  it('a writer killed (kill -9) during saves leaves a valid file; the next start removes every temp file', async () => {
    const dir = tempDir();
    const loop = startProfileWriter(writer, dir, 'loop', 0, 'k');
    await vi.waitFor(
      () => {
        if (loop.lines.filter((l) => l.acked).length < 15) throw new Error('not enough saves yet');
      },
      { timeout: 30_000, interval: 20 },
    );
    loop.child.kill('SIGKILL');
    await loop.exited;
    const acked = loop.lines.filter((l) => l.acked).map((l) => l.acked as string);

    const read = readDocument(readFileSync(join(dir, 'profiles.json'), 'utf8'));
    expect(read.ok).toBe(true);
    const onDisk = new Set(read.ok ? read.doc.profiles.map((p) => p.id) : []);
    expect(acked.filter((id) => !onDisk.has(id))).toEqual([]);

    // A temp file that only the folder lock can tell is abandoned: a live PID, written just now.
    writeFileSync(join(dir, `profiles.json.tmp-${process.pid}-deadbeef`), '{"half": ');
    const next = await startWebHostProcess(['--data-dir', dir]);
    hosts.push(next);
    expect(tempsIn(dir)).toEqual([]);
    expect(readdirSync(dir).filter((n) => n.endsWith('.write-lock'))).toEqual([]);
    const list = await next.call('profiles.list', {});
    expect(list.ok && list.value.profiles.length).toBeGreaterThanOrEqual(acked.length);
    expect((await next.call('profiles.save', { name: 'After the crash', options: options() })).ok).toBe(true);
    await next.stop();
  }, 60_000);
});

/** A small tmpfs, when this machine lets us mount one (root on Linux). */
function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full disk at the first secret save (Trust #10)', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'mqscope-tmpfs-'));
  let mounted = false;
  beforeAll(() => {
    mounted = mountTmpfs(mountPoint, '64k');
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mountPoint]);
  });

  it('leaves no 0-byte key behind, and saves secrets once space is free', async () => {
    if (!mounted) {
      // No mount here: the same end state a full disk left before keys were written
      // atomically (a 0-byte key, nothing sealed with it) must still heal at start.
      const dir = tempDir();
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'secret.key'), '');
      const saved = await openStore(dir).save({ name: 'A', options: options(), secrets: { password: 'p' } });
      expect((await openStore(dir).connectOptions(saved.id)).password).toBe('p');
      expect(statSync(join(dir, 'secret.key')).size).toBe(32);
      console.warn('Trust #10: tmpfs could not be mounted here; checked the 0-byte key repair only.');
      return;
    }
    console.info(`Trust #10: a 64 KiB tmpfs is mounted at ${mountPoint}`);
    const dir = join(mountPoint, 'data');
    const store = openStore(dir);
    await store.save({ name: 'No secret', options: options() });
    // Fill the disk to the last byte.
    const filler = join(mountPoint, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(1024 * 1024));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    await expect(
      store.save({ name: 'With secret', options: options(), secrets: { password: 'first-secret' } }),
    ).rejects.toThrow(/could not be (created|saved).*ENOSPC/);
    // Nothing half-written: no key at all (a 0-byte one would break every later save), no temp file.
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    expect(tempsIn(dir)).toEqual([]);
    expect((await store.list()).profiles.map((p) => p.name)).toEqual(['No secret']);

    rmSync(filler);
    const saved = await store.save({
      name: 'With secret',
      options: options(),
      secrets: { password: 'first-secret' },
    });
    expect(statSync(join(dir, 'secret.key')).size).toBe(32);
    expect((await openStore(dir).connectOptions(saved.id)).password).toBe('first-secret');

    // The state older versions left (a 0-byte key, nothing sealed with it) heals at start.
    const legacy = join(mountPoint, 'legacy');
    mkdirSync(legacy);
    writeFileSync(join(legacy, 'secret.key'), '');
    const healed = await openStore(legacy).save({
      name: 'B',
      options: options(),
      secrets: { password: 'q' },
    });
    expect((await openStore(legacy).connectOptions(healed.id)).password).toBe('q');
  });
});
