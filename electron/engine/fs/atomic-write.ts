/**
 * The one way MQScope writes a file it keeps (profiles, presets, the secret key): a crash
 * or a full disk at any moment leaves either the old file or the new one, never half of
 * one. Temp file beside it, fsync, rename, fsync the folder. Temp names carry the writer's
 * PID, so a start can tell an abandoned one (see temp-files.ts).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { access, copyFile, link, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A rename is durable only once the folder entry is on disk (POSIX; Windows cannot open folders). */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* not supported here: the rename itself is still atomic */
  }
}

/** The marker every temp file of ours carries: `<file>.tmp-<pid>-<random>`. */
export const TEMP_MARKER = '.tmp-';

export function tempName(path: string): string {
  return `${path}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Copies `path` to `backupPath` atomically, when `path` exists. */
async function rotateBackup(path: string, backupPath: string): Promise<void> {
  if (!(await exists(path))) return;
  const tmp = tempName(backupPath);
  try {
    await copyFile(path, tmp);
    await syncFile(tmp);
    await rename(tmp, backupPath);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

export interface AtomicWriteOptions {
  /** Before replacing, keep the current file as this backup (itself written atomically). */
  backupPath?: string;
  /**
   * Fail when `path` already exists (checked after the temp file is complete, by a hard
   * link, so two writers cannot both win). For files that must never be replaced.
   */
  exclusive?: boolean;
}

export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = tempName(path);
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.backupPath) await rotateBackup(path, options.backupPath);
    if (options.exclusive) {
      // link() fails with EEXIST instead of replacing: the first complete file wins.
      await link(tmp, path);
      await rm(tmp, { force: true });
    } else {
      await rename(tmp, path);
    }
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await syncFolder(dir);
}

/**
 * The same steps, synchronously: for the secret key, which is made at the moment a secret is
 * first sealed (inside a synchronous encrypt). No backup: such files are never replaced in place.
 */
export function writeFileAtomicSync(
  path: string,
  content: string | Uint8Array,
  options: Pick<AtomicWriteOptions, 'exclusive'> = {},
): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = tempName(path);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeFileSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.exclusive) {
      linkSync(tmp, path);
      rmSync(tmp, { force: true });
    } else {
      renameSync(tmp, path);
    }
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* folders cannot be synced here: the rename itself is still atomic */
  }
}

/** `2026-11-26T06-40-00Z`: a timestamp that is a valid file name everywhere. */
export function fileStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

/** Moves an unusable file out of the way under a dated name, never over another file. Returns the new path. */
export async function setAside(path: string, date: Date): Promise<string> {
  const base = `${path}.bad-${fileStamp(date)}`;
  let target = base;
  for (let n = 2; await exists(target); n++) target = `${base}-${n}`;
  await rename(path, target);
  await syncFolder(dirname(path));
  return target;
}
