/**
 * Temp files left by a crash between "temp written" and "renamed" (see atomic-write.ts).
 * Each carries its writer's PID: one whose writer is gone, or older than a minute (no write
 * takes that long; a PID may have been reused), is abandoned. Once this process holds the
 * data-folder lock, no other MQScope writes here, so every temp file is.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_MARKER } from './atomic-write';

const TEMP_NAME = new RegExp(`${TEMP_MARKER.replace('.', '\\.')}(\\d+)-[0-9a-f]+$`);
const ABANDONED_AFTER_MS = 60_000;

export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface TempCleanupOptions {
  /** Every temp file is abandoned (this process holds the data-folder lock). */
  all?: boolean;
  now?: number;
}

/** Removes abandoned temp files in `dir`; returns the names removed. Never throws. */
export async function removeStaleTemps(dir: string, options: TempCleanupOptions = {}): Promise<string[]> {
  const now = options.now ?? Date.now();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    try {
      const pid = Number(match[1]);
      const stale =
        options.all === true || !isProcessAlive(pid) || now - (await stat(path)).mtimeMs > ABANDONED_AFTER_MS;
      if (!stale) continue;
      await rm(path, { force: true });
      removed.push(name);
    } catch {
      /* gone already, or not ours to remove: the next start tries again */
    }
  }
  return removed;
}
