/**
 * A short lock around one read-modify-write of a file, across processes (proper-lockfile's
 * mkdir lock). The data-folder lock keeps a second host away; this one keeps a save honest
 * even when two writers do meet on one file (two stores in one process, a host started
 * with an older MQScope): the re-read and the write happen with nobody in between.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { lock } from 'proper-lockfile';

export const WRITE_LOCK_SUFFIX = '.write-lock';

/** A holder refreshes it every 5 s; one nobody refreshed for 10 s was left by a killed writer. */
const STALE_MS = 10_000;

export async function withFileLock<T>(path: string, run: () => Promise<T>): Promise<T> {
  // The lock is a folder beside the file: its parent must exist (0700: it holds secrets).
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const release = await lock(path, {
    lockfilePath: `${path}${WRITE_LOCK_SUFFIX}`,
    realpath: false,
    stale: STALE_MS,
    // Waits for another writer's save (milliseconds), or for a dead writer's lock to go stale.
    retries: { retries: 60, minTimeout: 5, maxTimeout: 250, factor: 1.5 },
    onCompromised: () => {
      /* the write under it is atomic anyway; the re-read check still catches a change */
    },
  });
  try {
    return await run();
  } finally {
    await release().catch(() => undefined);
  }
}
