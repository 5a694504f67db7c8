/**
 * The publish history file: `publish-history.json` in the data folder. The one place it is
 * read and written (with the profiles' atomic write, so a crash never leaves half a file).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { HistoryEntrySchema, ProfileIdSchema, type HistoryEntry } from '../../contract';
import { setAside, writeFileAtomic } from '../fs/atomic-write';

export const HISTORY_FILE = 'publish-history.json';
const VERSION = 1;

// Payloads and correlation data may be bytes: JSON holds them as {"$bytes": base64}.
const BYTES = '$bytes';
function replacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { [BYTES]: Buffer.from(value).toString('base64') } : value;
}
function reviver(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 1) {
    const encoded: unknown = (value as Record<string, unknown>)[BYTES];
    if (typeof encoded === 'string') return new Uint8Array(Buffer.from(encoded, 'base64'));
  }
  return value;
}

/** Pairs, not an object keyed by profile id: ids are data, never property names. */
const FileSchema = z.object({
  version: z.literal(VERSION),
  profiles: z.array(z.tuple([ProfileIdSchema, z.array(HistoryEntrySchema)])),
});

export type HistoryByProfile = Map<string, HistoryEntry[]>;

export interface LoadResult {
  history: HistoryByProfile;
  /** Where an unreadable file was moved (it is never overwritten). */
  setAsidePath: string | null;
}

export async function loadHistory(dataDir: string, now: Date): Promise<LoadResult> {
  const path = join(dataDir, HISTORY_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { history: new Map(), setAsidePath: null };
    throw error;
  }
  let parsed: z.infer<typeof FileSchema> | null = null;
  try {
    const result = FileSchema.safeParse(JSON.parse(text, reviver));
    if (result.success) parsed = result.data;
  } catch {
    /* not JSON: set aside below */
  }
  if (!parsed) return { history: new Map(), setAsidePath: await setAside(path, now) };
  return { history: new Map(parsed.profiles), setAsidePath: null };
}

export function saveHistory(dataDir: string, history: HistoryByProfile): Promise<void> {
  const text = JSON.stringify({ version: VERSION, profiles: [...history] }, replacer);
  return writeFileAtomic(join(dataDir, HISTORY_FILE), text);
}
