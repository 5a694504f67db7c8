/**
 * The profiles file on disk, for one ProfileStore: reading it at start (moving an unusable
 * one aside, never over it), and writing it so that no acknowledged save is lost.
 *
 * Trust #9: another writer (a second host on the folder, an older MQScope) may have changed
 * the file since we last read or wrote it. Each write therefore happens under a short
 * cross-process write lock, re-reads the file, and when its content is not what we last
 * saw, hands the store *their* document so the change is applied on top of it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineText, ProfileLoadProblem } from '../../contract';
import { english } from '../text/english';
import { EngineError } from '../errors';
import { setAside, writeFileAtomic } from '../fs/atomic-write';
import { withFileLock } from '../fs/file-lock';
import { emptyDocument, readDocument, serializeDocument, type ProfileDocument, type Seal } from './document';
import { text as say } from '../text/keys';

export const PROFILES_FILE = 'profiles.json';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export interface LoadOutcome {
  doc: ProfileDocument | null;
  problem: ProfileLoadProblem | null;
  /** The backup's document, when the main file was unusable or missing. */
  restorable: ProfileDocument | null;
  /** Set when saving would overwrite a file that could not be moved aside. */
  /** Why saving is refused this run (the store answers every change with it). */
  blocked: EngineText | null;
  /** An upgrade sealed secrets the old file kept in plain text: write it back now. */
  sealedOnLoad: boolean;
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export class ProfileFile {
  readonly path: string;
  readonly backupPath: string;
  /** Digest of the text we last read or wrote; null: there was no file. */
  private revision: string | null = null;

  constructor(
    dataDir: string,
    private readonly seal: Seal,
    private readonly now: () => Date,
  ) {
    this.path = join(dataDir, PROFILES_FILE);
    this.backupPath = `${this.path}.bak`;
  }

  async load(): Promise<LoadOutcome> {
    const outcome: LoadOutcome = {
      doc: null,
      problem: null,
      restorable: null,
      blocked: null,
      sealedOnLoad: false,
    };
    let text: string | null;
    try {
      text = await readText(this.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      await this.refuse(outcome, `The profiles file could not be read (${code}).`);
      return outcome;
    }
    if (text === null) {
      outcome.restorable = await this.readBackup();
      if (outcome.restorable) {
        outcome.problem = {
          message: 'There is no profiles file, but a backup of one exists.',
          setAsidePath: null,
          backupAvailable: true,
        };
      }
      return outcome;
    }
    this.revision = digest(text);
    let sealed = 0;
    const read = readDocument(text, (plain) => {
      sealed += 1;
      return this.seal(plain);
    });
    if (read.ok) {
      outcome.doc = read.doc;
      outcome.sealedOnLoad = sealed > 0;
      return outcome;
    }
    if (read.kind === 'unsealable') {
      // The file is fine; this run cannot encrypt. Keep it as it is and do not save over it.
      outcome.blocked = say('profiles.blockedUnsealable', { detail: read.message, path: this.path });
      outcome.problem = { message: english(outcome.blocked), setAsidePath: null, backupAvailable: false };
      return outcome;
    }
    await this.refuse(outcome, read.message);
    return outcome;
  }

  /** Reads the backup's profiles (migrated: a backup must not keep plain-text header values). */
  private async readBackup(): Promise<ProfileDocument | null> {
    try {
      const text = await readText(this.backupPath);
      if (text === null) return null;
      const read = readDocument(text, this.seal);
      if (!read.ok || read.doc.profiles.length === 0) return null;
      if (read.migratedFrom !== null) await writeFileAtomic(this.backupPath, serializeDocument(read.doc));
      return read.doc;
    } catch {
      return null;
    }
  }

  /** After a migration: the backup is rewritten in the new format too (Trust #13). */
  async migrateBackup(): Promise<void> {
    await this.readBackup();
  }

  private async refuse(outcome: LoadOutcome, message: string): Promise<void> {
    let setAsidePath: string | null = null;
    try {
      setAsidePath = await setAside(this.path, this.now());
      this.revision = null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      outcome.blocked = say('profiles.blockedStuck', { detail: message, code, path: this.path });
    }
    const where = setAsidePath
      ? ` It was moved to ${setAsidePath} and MQScope started with no profiles.`
      : ' MQScope started with no profiles and will not save over it.';
    outcome.restorable = await this.readBackup();
    const backupAvailable = outcome.restorable !== null;
    outcome.problem = {
      message: `${message}${where}${backupAvailable ? ' A backup of the last good file can be restored.' : ''}`,
      setAsidePath,
      backupAvailable,
    };
  }

  /**
   * One read-modify-write, with no other writer in between. `change` gets the document
   * another writer left when the file changed since we last saw it (else null: ours is
   * current) and returns the document to write, or null to write nothing.
   */
  async update<T>(
    change: (theirs: ProfileDocument | null) => { doc: ProfileDocument | null; result: T },
    options: { backup: boolean },
  ): Promise<{ doc: ProfileDocument | null; result: T }> {
    return withFileLock(this.path, async () => {
      const theirs = await this.readIfChanged();
      const outcome = change(theirs);
      if (outcome.doc === null) return outcome;
      const text = serializeDocument(outcome.doc);
      try {
        await writeFileAtomic(this.path, text, options.backup ? { backupPath: this.backupPath } : {});
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new EngineError('internal', say('profiles.saveFailed', { path: this.path, code }));
      }
      this.revision = digest(text);
      return outcome;
    }).catch((error: unknown) => {
      if (error instanceof EngineError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new EngineError(
        'internal',
        code === 'ELOCKED'
          ? say('profiles.locked', { path: this.path })
          : say('profiles.saveFailed', { path: this.path, code: String(code) }),
      );
    });
  }

  /** The document on disk when another writer changed it since we last read or wrote it. */
  private async readIfChanged(): Promise<ProfileDocument | null> {
    let text: string | null;
    try {
      text = await readText(this.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new EngineError('internal', say('profiles.unreadableBeforeSave', { path: this.path, code }));
    }
    const revision = text === null ? null : digest(text);
    if (revision === this.revision) return null;
    if (text === null) {
      // Deleted by someone else: start from nothing rather than resurrect what they removed.
      this.revision = null;
      return emptyDocument();
    }
    const read = readDocument(text, this.seal);
    if (!read.ok) {
      throw new EngineError(
        'invalid-input',
        say('profiles.changedElsewhere', { path: this.path, detail: read.message }),
      );
    }
    this.revision = revision;
    return read.doc;
  }
}
