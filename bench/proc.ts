/**
 * CPU time and RSS of other processes, read from /proc as a task manager does (Linux only):
 * the web host when it runs as its own process, and Chromium's renderer.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of utime and stime in /proc/<pid>/stat (100 on every Linux build in use). */
const CLOCK_TICKS = 100;

interface Stat {
  pid: number;
  ppid: number;
  /** User + system CPU seconds so far. */
  cpu: number;
}

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return { pid, ppid, cpu: (utime + stime) / CLOCK_TICKS };
  } catch {
    return null;
  }
}

export function cpuSeconds(pid: number): number {
  return readStat(pid)?.cpu ?? 0;
}

export function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Every live descendant of `root` whose command line contains `marker`. */
export function descendants(root: number, marker: string): number[] {
  const stats: Stat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.push(stat);
  }
  const children = new Map<number, number[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s.pid]);
  const found: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    queue.push(...(children.get(pid) ?? []));
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) found.push(pid);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** Chromium's renderer processes (one per page here), found below `ancestor` (the browser or its launcher). */
export function rendererPids(ancestor: number): number[] {
  return descendants(ancestor, '--type=renderer');
}
