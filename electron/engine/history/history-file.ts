/**
 * History files in the data folder: one JSON file per kind of history (publish history,
 * broker check runs, will lab results), each a list of entries per key. The one place they
 * are read and written, with the atomic write, so a crash never leaves half a file; a file
 * that does not parse is set aside, never overwritten.
 */
import { constants, copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  HISTORY_LIMIT_DEFAULT,
  HistoryEntrySchema,
  ProfileIdSchema,
  type HistoryEntry,
} from '../../contract';
import { setAside, writeFileAtomic } from '../fs/atomic-write';
import { type EngineKey } from '../text/keys';

const VERSION = 1;

/** What one history file holds and how its entries are checked when read back. */
export interface HistoryKind<T> {
  fileName: string;
  /** The file's list field: "profiles" or "brokers" (kept as first written, for old files). */
  keyField: string;
  keySchema: z.ZodType<string>;
  entrySchema: z.ZodType<T>;
  /** Entries kept per key, newest first. */
  limit: number;
  /** For sentences: the engine key naming it ("publish history"). */
  label: EngineKey;
  /** The file's version; 1 when left out. */
  version?: number;
  /**
   * Reads an older version's file (parsed JSON, bytes revived) as this version's pairs, or
   * null when it is not one. The old file is kept beside the new one as `<name>.v<N>.json`.
   */
  migrate?: (file: unknown) => Promise<[string, T[]][] | null>;
}

export const PUBLISH_HISTORY: HistoryKind<HistoryEntry> = {
  fileName: 'publish-history.json',
  keyField: 'profiles',
  keySchema: ProfileIdSchema,
  entrySchema: HistoryEntrySchema,
  limit: HISTORY_LIMIT_DEFAULT,
  label: 'history.kind.publish',
};
export const HISTORY_FILE = PUBLISH_HISTORY.fileName;

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

/** Pairs, not an object keyed by profile or broker: keys are data, never property names. */
function fileSchema<T>(kind: HistoryKind<T>) {
  return z.object({
    version: z.literal(kind.version ?? VERSION),
    [kind.keyField]: z.array(z.tuple([kind.keySchema, z.array(kind.entrySchema)])),
  });
}

export type HistoryByKey<T> = Map<string, T[]>;

export interface LoadResult<T> {
  history: HistoryByKey<T>;
  /** Where an unreadable file was moved (it is never overwritten). */
  setAsidePath: string | null;
}

export async function loadHistory<T>(
  kind: HistoryKind<T>,
  dataDir: string,
  now: Date,
): Promise<LoadResult<T>> {
  const path = join(dataDir, kind.fileName);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { history: new Map(), setAsidePath: null };
    throw error;
  }
  let pairs: [string, T[]][] | null = null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, reviver);
    const result = fileSchema(kind).safeParse(parsed);
    if (result.success) pairs = result.data[kind.keyField] as [string, T[]][];
  } catch {
    /* not JSON: set aside below */
  }
  if (!pairs && parsed !== undefined && kind.migrate) {
    const migrated = await migrateFile(kind, dataDir, parsed);
    if (migrated) return { history: migrated, setAsidePath: null };
  }
  if (!pairs) return { history: new Map(), setAsidePath: await setAside(path, now) };
  return { history: new Map(pairs), setAsidePath: null };
}

/**
 * An older file, migrated: its copy is kept first (never over an earlier copy), then the new
 * version is written, so a crash in between loses nothing. Entries are checked as usual.
 */
async function migrateFile<T>(
  kind: HistoryKind<T>,
  dataDir: string,
  parsed: unknown,
): Promise<HistoryByKey<T> | null> {
  const old = (parsed as { version?: unknown } | null)?.version;
  if (typeof old !== 'number' || old >= (kind.version ?? VERSION)) return null;
  const pairs = await kind.migrate?.(parsed);
  if (!pairs) return null;
  const checked = fileSchema(kind).safeParse({ version: kind.version ?? VERSION, [kind.keyField]: pairs });
  if (!checked.success) return null;
  const history: HistoryByKey<T> = new Map(checked.data[kind.keyField] as [string, T[]][]);
  const path = join(dataDir, kind.fileName);
  try {
    await copyFile(path, join(dataDir, migratedCopyName(kind, old)), constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  await saveHistory(kind, dataDir, history);
  return history;
}

/** Where a migrated file's old version is kept: `lab-history.v1.json`. */
export function migratedCopyName<T>(kind: HistoryKind<T>, version: number): string {
  return kind.fileName.replace(/\.json$/, '') + `.v${version}.json`;
}

export function saveHistory<T>(
  kind: HistoryKind<T>,
  dataDir: string,
  history: HistoryByKey<T>,
): Promise<void> {
  const text = JSON.stringify({ version: kind.version ?? VERSION, [kind.keyField]: [...history] }, replacer);
  return writeFileAtomic(join(dataDir, kind.fileName), text);
}

/** Broker URLs as keys: bounded like any other input read back from disk. */
export const BrokerKeySchema = z.string().min(1).max(2048);
