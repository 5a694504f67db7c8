/**
 * The recordings list: size, duration and message count of each file, found by streaming it
 * once (one line in memory at a time) and parsing only its first and last lines. Answers are
 * cached by size and modification time, so a list of large files is read once.
 */
import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RecordingInfo } from '../../contract';
import { EngineError } from '../errors';
import { parseLine } from './format';
import { text } from '../text/keys';

type Scan = Omit<RecordingInfo, 'name' | 'path' | 'active'>;

async function scan(path: string, size: number): Promise<Scan> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let first: string | null = null;
  let last: string | null = null;
  // The line before the last: the last whole one when a crash cut the last.
  let previous: string | null = null;
  let count = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    if (first === null) first = line;
    else {
      count++;
      previous = last;
      last = line;
    }
  }
  const out: Scan = { size, count: 0, durationMs: 0, unreadable: 0 };
  let firstTime: number | undefined;
  const head = first === null ? null : parseLine(first);
  if (head?.kind === 'header') {
    out.startedAt = head.header.startedAt;
    out.broker = head.header.broker;
    if (head.header.filter) out.filter = head.header.filter;
    firstTime = head.header.startedAt;
  } else if (head?.kind === 'message') {
    // An export has no header: its first line is a message.
    count++;
    firstTime = head.message.time;
    out.startedAt = firstTime;
  }
  let tail = last === null ? null : parseLine(last);
  // A line cut by a crash is the only one that is expected to be unreadable.
  if (tail?.kind === 'bad') {
    count--;
    out.unreadable = 1;
    tail = previous === null ? null : parseLine(previous);
  }
  if (tail?.kind === 'message' && firstTime !== undefined)
    out.durationMs = Math.max(0, tail.message.time - firstTime);
  out.count = count;
  return out;
}

export class RecordingsList {
  private readonly cache = new Map<string, { size: number; mtimeMs: number; scan: Scan }>();

  constructor(private readonly dir: string | undefined) {}

  async info(path: string, active: boolean): Promise<RecordingInfo | null> {
    let st;
    try {
      st = await stat(path);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    const cached = this.cache.get(path);
    let result: Scan;
    if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) result = cached.scan;
    else {
      result = await scan(path, st.size);
      this.cache.set(path, { size: st.size, mtimeMs: st.mtimeMs, scan: result });
    }
    return { name: basename(path), path, active, ...result };
  }

  async list(elsewhere: Iterable<string>, activePaths: Set<string>): Promise<RecordingInfo[]> {
    const paths = new Set<string>();
    if (this.dir) {
      try {
        for (const name of await readdir(this.dir))
          if (name.endsWith('.jsonl')) paths.add(join(this.dir, name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    for (const path of elsewhere) paths.add(path);
    const infos = await Promise.all([...paths].map((p) => this.info(p, activePaths.has(p))));
    return infos
      .filter((i): i is RecordingInfo => i !== null)
      .sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
  }

  /** The path of a recording in the data folder, by its name (validated by the contract). */
  pathOf(name: string): string {
    if (!this.dir) throw new EngineError('not-found', text('noData.recordings'));
    return join(this.dir, name);
  }

  async remove(name: string, activePaths: Set<string>): Promise<void> {
    const path = this.pathOf(name);
    if (activePaths.has(path)) throw new EngineError('invalid-input', text('record.stopFirst', { name }));
    try {
      await rm(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new EngineError('not-found', text('record.noRecording', { name }));
      throw error;
    }
    this.cache.delete(path);
  }
}
