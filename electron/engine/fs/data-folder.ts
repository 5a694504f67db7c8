/**
 * One data folder, one MQScope. Two hosts saving into the same profiles file lose each
 * other's saves, so a host takes the folder's lock before it reads anything there.
 *
 * The lock is proper-lockfile's (a `mkdir` lock whose mtime the holder refreshes; a lock
 * nobody refreshes for `stale` ms is taken over), which works across processes and on
 * network folders. It does not record who holds it, so the holder writes its PID beside
 * it: a refusal can name the process, and a holder that is gone (kill -9) is not waited
 * for longer than the stale period.
 */
import { chmod, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { writeFileAtomic } from './atomic-write';
import { WRITE_LOCK_SUFFIX } from './file-lock';
import { isProcessAlive, removeStaleTemps } from './temp-files';

export const LOCK_DIR = 'instance.lock';
export const PID_FILE = 'instance.pid';
/** A holder refreshes the lock every stale/2 ms; after `stale` ms without, it is gone. */
const STALE_MS = 10_000;

interface Holder {
  pid: number;
  host: string;
}

/** The folder is held by a live MQScope. `message` is one sentence naming both. */
export class DataFolderBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly holderPid: number | null,
  ) {
    super(
      `The data folder ${dir} is in use by another MQScope${holderPid === null ? '' : ` (PID ${holderPid})`}.`,
    );
    this.name = 'DataFolderBusyError';
  }
}

async function readHolder(dir: string): Promise<Holder | null> {
  try {
    const raw = JSON.parse(await readFile(join(dir, PID_FILE), 'utf8')) as Partial<Holder>;
    if (typeof raw.pid === 'number' && Number.isInteger(raw.pid) && typeof raw.host === 'string')
      return { pid: raw.pid, host: raw.host };
  } catch {
    /* not written yet, or damaged: unknown holder */
  }
  return null;
}

/**
 * Creates the folder (0700), or tightens an existing one that others can read or write:
 * it holds the secret key and the profiles. Returns a warning when it cannot be tightened.
 */
export async function prepareDataFolder(dir: string): Promise<string | null> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return null;
  const info = await stat(dir);
  if ((info.mode & 0o077) === 0) return null;
  const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
  const ours = typeof process.getuid === 'function' && info.uid === process.getuid();
  if (ours) {
    try {
      await chmod(dir, 0o700);
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return `The data folder ${dir} is open to other users (mode ${mode}) and could not be set to 0700 (${code}): they may read the profiles and the secret key.`;
    }
  }
  return `The data folder ${dir} is open to other users (mode ${mode}) and belongs to another user, so MQScope leaves it as it is: they may read the profiles and the secret key.`;
}

export interface DataFolderLock {
  dir: string;
  /** Temp files of earlier crashes that were removed when the lock was taken. */
  removedTemps: string[];
  release(): Promise<void>;
}

export interface LockDataFolderOptions {
  /** Told when the lock was lost while held (its folder deleted, the machine asleep past stale). */
  onCompromised?: (error: Error) => void;
}

/**
 * Takes the folder's lock, or throws DataFolderBusyError when a live MQScope holds it. A
 * lock left by a process that is gone is taken over once it is stale (at most ~10 s).
 */
export async function lockDataFolder(
  dir: string,
  options: LockDataFolderOptions = {},
): Promise<DataFolderLock> {
  const lockOptions = {
    lockfilePath: join(dir, LOCK_DIR),
    realpath: false,
    stale: STALE_MS,
    onCompromised: (error: Error) => options.onCompromised?.(error),
  };
  let release: () => Promise<void>;
  try {
    release = await lock(dir, lockOptions);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const holder = await readHolder(dir);
    const gone = holder !== null && holder.host === hostname() && !isProcessAlive(holder.pid);
    if (!gone) throw new DataFolderBusyError(dir, holder?.pid ?? null);
    // Its holder was killed: wait (bounded) until its lock is stale, then take it over.
    try {
      release = await lock(dir, {
        ...lockOptions,
        retries: { retries: Math.ceil(STALE_MS / 500) + 4, minTimeout: 500, maxTimeout: 500, factor: 1 },
      });
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code !== 'ELOCKED') throw retryError;
      throw new DataFolderBusyError(dir, (await readHolder(dir))?.pid ?? null);
    }
  }
  const holder: Holder = { pid: process.pid, host: hostname() };
  await writeFileAtomic(join(dir, PID_FILE), `${JSON.stringify(holder)}\n`);
  // Nobody else writes here now: every temp file and per-file write lock is left from a crash.
  const removedTemps = await removeStaleTemps(dir, { all: true });
  await removeStaleWriteLocks(dir);
  let released = false;
  return {
    dir,
    removedTemps,
    async release() {
      if (released) return;
      released = true;
      await rm(join(dir, PID_FILE), { force: true });
      await release();
    },
  };
}

/** Write locks (see file-lock.ts) left by a writer that was killed while holding one. */
async function removeStaleWriteLocks(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.endsWith(WRITE_LOCK_SUFFIX)) await rm(join(dir, name), { recursive: true, force: true });
  }
}
