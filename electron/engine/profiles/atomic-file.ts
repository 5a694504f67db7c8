/**
 * Writing a file so that a crash or a full disk at any moment leaves either the old
 * file or the new one, never half of one: temp file, fsync, rename, fsync the folder.
 */
import { randomBytes } from 'node:crypto';
import { access, copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
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

function tempName(path: string): string {
  return `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
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
}

export async function writeFileAtomic(
  path: string,
  text: string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = tempName(path);
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.backupPath) await rotateBackup(path, options.backupPath);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await syncFolder(dir);
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
