/**
 * ProfileStore: the saved connection profiles of one data directory.
 *
 * Every change goes through one queue: it is applied to a copy, written atomically, and
 * only then becomes the state the UI sees, so two saves never interleave and memory never
 * disagrees with the disk. A file that cannot be used is moved aside (never overwritten)
 * and the store starts empty, saying what happened and whether the backup can be restored.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  ConflictDecision,
  ConnectOptions,
  ImportConflict,
  ImportReportEntry,
  ImportResult,
  ParsedProfileOptions,
  ParsedProfileSubscription,
  ProfileList,
  ProfileLoadProblem,
  ProfileView,
  SecretsInput,
} from '../../contract';
import { EngineError } from '../errors';
import { setAside, writeFileAtomic } from './atomic-file';
import {
  CURRENT_VERSION,
  emptyDocument,
  readDocument,
  serializeDocument,
  type ProfileDocument,
  type StoredProfile,
  type StoredSecrets,
} from './document';
import type { SecretBox } from './secret-box';

export const PROFILES_FILE = 'profiles.json';
const TRASH_LIMIT = 50;

export interface ProfileStoreOptions {
  dataDir: string;
  secretBox: SecretBox;
  /** For tests: the clock used for timestamps and set-aside names. */
  now?: () => Date;
}

export interface SaveInput {
  id?: string;
  name?: string;
  folder?: string;
  options?: ParsedProfileOptions;
  secrets?: SecretsInput;
}

/** Plain secrets as an import carries them; they are encrypted on the way in. */
export interface PlainSecrets {
  password?: string;
  passphrase?: string;
  keyPem?: string;
}

/** One profile an import would create. */
export interface ImportCandidate {
  /** The id it had where it came from (our own format): kept when it is free. */
  sourceId?: string;
  name: string;
  folder: string;
  options: ParsedProfileOptions;
  secrets: PlainSecrets;
  notes: ImportReportEntry['notes'];
  subscriptions?: ParsedProfileSubscription[];
}

type Change<T> = (profiles: readonly StoredProfile[]) => { profiles: StoredProfile[] | null; result: T };

function byFolderThenOrder(a: StoredProfile, b: StoredProfile): number {
  return a.folder.localeCompare(b.folder) || a.order - b.order || a.name.localeCompare(b.name);
}

function nextOrder(profiles: readonly StoredProfile[], folder: string): number {
  let max = -1;
  for (const p of profiles) if (p.folder === folder && p.order > max) max = p.order;
  return max + 1;
}

/** "Name (copy)", "Name (copy 2)", ...: a name not yet used in the folder. */
function copyName(profiles: readonly StoredProfile[], name: string, folder: string): string {
  const taken = new Set(profiles.filter((p) => p.folder === folder).map((p) => p.name));
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

function inFolder(folder: string, scope: string): boolean {
  return scope === '' || folder === scope || folder.startsWith(`${scope}/`);
}

export class ProfileStore {
  readonly path: string;
  readonly backupPath: string;
  private doc: ProfileDocument = emptyDocument();
  private problem: ProfileLoadProblem | null = null;
  /** The backup's profiles, read when the main file was unusable, until restored. */
  private restorable: ProfileDocument | null = null;
  /** Set when the file could be neither read nor moved aside: saving would overwrite it. */
  private blocked: string | null = null;
  private readonly trash = new Map<string, StoredProfile[]>();
  private readonly listeners = new Set<(list: ProfileList) => void>();
  private tail: Promise<unknown> = Promise.resolve();
  private loading: Promise<void> | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: ProfileStoreOptions) {
    this.path = join(options.dataDir, PROFILES_FILE);
    this.backupPath = `${this.path}.bak`;
    this.now = options.now ?? (() => new Date());
  }

  /** Reads the file once; every request awaits this first. */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  onChanged(listener: (list: ProfileList) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async list(): Promise<ProfileList> {
    await this.ready();
    return this.snapshot();
  }

  async get(id: string): Promise<ProfileView> {
    await this.ready();
    return this.view(this.find(this.doc.profiles, id));
  }

  /** The stored profile's options with its secrets decrypted, ready for `connection.open`. */
  async connectOptions(id: string): Promise<ConnectOptions> {
    await this.ready();
    const profile = this.find(this.doc.profiles, id);
    const plain = this.decryptAll(profile);
    const { tls, ...rest } = profile.options;
    const options: ConnectOptions = { ...rest };
    if (plain.password !== undefined) options.password = plain.password;
    if (tls || plain.passphrase !== undefined || plain.keyPem !== undefined) {
      options.tls = { ...(tls ?? { verifyServer: true }) };
      if (plain.passphrase !== undefined) options.tls.passphrase = plain.passphrase;
      if (plain.keyPem !== undefined && !tls?.key) options.tls.key = { kind: 'pem', pem: plain.keyPem };
    }
    return options;
  }

  /** Plain profiles (secrets decrypted) for an export; only the engine ever sees this. */
  async exportable(
    scope: { kind: 'one'; id: string } | { kind: 'folder'; folder: string } | { kind: 'all' },
  ) {
    await this.ready();
    const all = [...this.doc.profiles].sort(byFolderThenOrder);
    const chosen =
      scope.kind === 'one'
        ? [this.find(all, scope.id)]
        : scope.kind === 'folder'
          ? all.filter((p) => inFolder(p.folder, scope.folder))
          : all;
    if (chosen.length === 0) throw new EngineError('not-found', 'There are no profiles to export there.');
    return chosen.map((profile) => ({ profile, secrets: this.decryptAll(profile) }));
  }

  save(input: SaveInput): Promise<ProfileView> {
    return this.mutate((profiles) => {
      const now = this.now().getTime();
      if (input.id === undefined) {
        if (input.name === undefined || input.options === undefined) {
          throw new EngineError('invalid-input', 'A new profile needs a name and its connection options.');
        }
        const folder = input.folder ?? '';
        const created: StoredProfile = {
          id: randomUUID(),
          name: input.name,
          folder,
          order: nextOrder(profiles, folder),
          createdAt: now,
          updatedAt: now,
          options: input.options,
          secrets: this.applySecrets({}, input.secrets, input.options),
        };
        return { profiles: [...profiles, created], result: this.view(created) };
      }
      const existing = this.find(profiles, input.id);
      const folder = input.folder ?? existing.folder;
      const options = input.options ?? existing.options;
      const updated: StoredProfile = {
        ...existing,
        name: input.name ?? existing.name,
        folder,
        order: folder === existing.folder ? existing.order : nextOrder(profiles, folder),
        options,
        secrets: this.applySecrets(existing.secrets, input.secrets, options),
        updatedAt: now,
      };
      return {
        profiles: profiles.map((p) => (p.id === updated.id ? updated : p)),
        result: this.view(updated),
      };
    });
  }

  /**
   * Changes a profile's subscriptions and nothing else (they are edited live, while
   * connected from it). The change runs in the write queue, so two edits never race.
   */
  updateSubscriptions(
    id: string,
    change: (subscriptions: readonly ParsedProfileSubscription[]) => ParsedProfileSubscription[],
  ): Promise<ProfileView> {
    return this.mutate((profiles) => {
      const existing = this.find(profiles, id);
      const updated: StoredProfile = {
        ...existing,
        subscriptions: change(existing.subscriptions ?? []),
        updatedAt: this.now().getTime(),
      };
      return { profiles: profiles.map((p) => (p.id === id ? updated : p)), result: this.view(updated) };
    });
  }

  duplicate(id: string): Promise<ProfileView> {
    return this.mutate((profiles) => {
      const original = this.find(profiles, id);
      const now = this.now().getTime();
      const copy: StoredProfile = {
        ...original,
        id: randomUUID(),
        name: copyName(profiles, original.name, original.folder),
        createdAt: now,
        updatedAt: now,
        secrets: { ...original.secrets },
      };
      // Right after the original: shift the ones behind it.
      const shifted = profiles.map((p) =>
        p.folder === original.folder && p.order > original.order ? { ...p, order: p.order + 1 } : p,
      );
      copy.order = original.order + 1;
      return { profiles: [...shifted, copy], result: this.view(copy) };
    });
  }

  delete(ids: readonly string[]): Promise<{ deleted: number; undoToken: string }> {
    return this.mutate((profiles) => {
      const wanted = new Set(ids);
      for (const id of wanted) this.find(profiles, id);
      const removed = profiles.filter((p) => wanted.has(p.id));
      const undoToken = randomUUID();
      this.trash.set(undoToken, removed);
      // The trash lives in memory (ciphertexts only) and is bounded.
      while (this.trash.size > TRASH_LIMIT) this.trash.delete(this.trash.keys().next().value as string);
      return {
        profiles: profiles.filter((p) => !wanted.has(p.id)),
        result: { deleted: removed.length, undoToken },
      };
    });
  }

  undoDelete(undoToken: string): Promise<ProfileView[]> {
    return this.mutate((profiles) => {
      const removed = this.trash.get(undoToken);
      if (!removed)
        throw new EngineError('not-found', 'There is nothing to undo: that deletion is no longer kept.');
      const taken = new Set(profiles.map((p) => p.id));
      const restored = removed.map((p) => (taken.has(p.id) ? { ...p, id: randomUUID() } : p));
      this.trash.delete(undoToken);
      return { profiles: [...profiles, ...restored], result: restored.map((p) => this.view(p)) };
    });
  }

  reorder(folder: string, ids: readonly string[]): Promise<ProfileList> {
    return this.mutate((profiles) => {
      for (const id of ids) this.find(profiles, id);
      const position = new Map(ids.map((id, index) => [id, index]));
      // Others already in the folder keep their relative order, after the ones placed.
      const rest = profiles
        .filter((p) => p.folder === folder && !position.has(p.id))
        .sort(byFolderThenOrder)
        .map((p, index) => [p.id, ids.length + index] as const);
      const order = new Map([...position, ...rest]);
      const next = profiles.map((p) => {
        const at = order.get(p.id);
        return at === undefined ? p : { ...p, folder, order: at };
      });
      return { profiles: next, result: null };
    }).then(() => this.snapshot());
  }

  /** Brings back the backup's profiles; profiles made since are kept beside them. */
  restoreBackup(): Promise<ProfileList> {
    return this.mutate((profiles) => {
      const backup = this.restorable;
      if (!backup) throw new EngineError('not-found', 'There is no backup to restore.');
      const ids = new Set(backup.profiles.map((p) => p.id));
      return { profiles: [...backup.profiles, ...profiles.filter((p) => !ids.has(p.id))], result: null };
    }).then(() => {
      this.restorable = null;
      this.problem = null;
      this.emit();
      return this.snapshot();
    });
  }

  /**
   * Creates profiles from an import. Without a decision, nothing is written when any of
   * them already exists (same id, or same name in the same folder): the conflicts come back.
   */
  importCandidates(
    candidates: readonly ImportCandidate[],
    onConflict?: ConflictDecision,
  ): Promise<ImportResult> {
    return this.mutate<ImportResult>((profiles) => {
      const conflicts = this.conflicts(profiles, candidates);
      if (conflicts.size > 0 && onConflict === undefined) {
        const list: ImportConflict[] = [...conflicts].map(([index, existing]) => {
          const c = candidates[index] as ImportCandidate;
          return {
            index,
            name: c.name,
            folder: c.folder,
            existingId: existing.id,
            existingName: existing.name,
          };
        });
        return { profiles: null, result: { status: 'conflicts', conflicts: list, total: candidates.length } };
      }
      let next = [...profiles];
      const report: ImportReportEntry[] = [];
      const now = this.now().getTime();
      candidates.forEach((candidate, index) => {
        const existing = conflicts.get(index);
        const secretsInput = {
          password: candidate.secrets.password ?? null,
          passphrase: candidate.secrets.passphrase ?? null,
          keyPem: candidate.secrets.keyPem ?? null,
        };
        if (existing && onConflict === 'skip') {
          report.push({ name: candidate.name, profileId: null, outcome: 'skipped', notes: candidate.notes });
          return;
        }
        if (existing && onConflict === 'overwrite') {
          const updated: StoredProfile = {
            ...existing,
            name: candidate.name,
            options: candidate.options,
            secrets: this.applySecrets({}, secretsInput, candidate.options),
            subscriptions: candidate.subscriptions,
            updatedAt: now,
          };
          if (!updated.subscriptions) delete updated.subscriptions;
          next = next.map((p) => (p.id === existing.id ? updated : p));
          report.push({
            name: candidate.name,
            profileId: existing.id,
            outcome: 'overwritten',
            notes: candidate.notes,
          });
          return;
        }
        const idFree = candidate.sourceId !== undefined && !next.some((p) => p.id === candidate.sourceId);
        const created: StoredProfile = {
          id: idFree && candidate.sourceId ? candidate.sourceId : randomUUID(),
          name: existing ? copyName(next, candidate.name, candidate.folder) : candidate.name,
          folder: candidate.folder,
          order: nextOrder(next, candidate.folder),
          createdAt: now,
          updatedAt: now,
          options: candidate.options,
          secrets: this.applySecrets({}, secretsInput, candidate.options),
          ...(candidate.subscriptions ? { subscriptions: candidate.subscriptions } : {}),
        };
        next.push(created);
        report.push({
          name: created.name,
          profileId: created.id,
          outcome: 'created',
          notes: candidate.notes,
        });
      });
      return { profiles: next, result: { status: 'done', report } };
    });
  }

  // -------------------------------------------------------------------------------------

  private conflicts(profiles: readonly StoredProfile[], candidates: readonly ImportCandidate[]) {
    const found = new Map<number, StoredProfile>();
    candidates.forEach((candidate, index) => {
      const match =
        profiles.find((p) => candidate.sourceId !== undefined && p.id === candidate.sourceId) ??
        profiles.find((p) => p.name === candidate.name && p.folder === candidate.folder);
      if (match) found.set(index, match);
    });
    return found;
  }

  private find(profiles: readonly StoredProfile[], id: string): StoredProfile {
    const profile = profiles.find((p) => p.id === id);
    if (!profile) throw new EngineError('not-found', 'That profile no longer exists (deleted elsewhere?).');
    return profile;
  }

  private applySecrets(
    current: StoredSecrets,
    input: SecretsInput | undefined,
    options: ParsedProfileOptions,
  ) {
    const next: StoredSecrets = {};
    for (const field of ['password', 'passphrase', 'keyPem'] as const) {
      const value = input?.[field];
      // An empty secret is no secret: clearing keeps "is it set?" honest.
      const cipher =
        value === undefined ? current[field] : value ? this.options.secretBox.encrypt(value) : undefined;
      if (cipher !== undefined) next[field] = cipher;
    }
    // One key source: choosing a key file drops a pasted key.
    if (options.tls?.key) delete next.keyPem;
    return next;
  }

  private decryptAll(profile: StoredProfile): PlainSecrets {
    const out: PlainSecrets = {};
    const labels = { password: 'password', passphrase: 'key passphrase', keyPem: 'private key' } as const;
    for (const field of ['password', 'passphrase', 'keyPem'] as const) {
      const cipher = profile.secrets[field];
      if (cipher === undefined) continue;
      try {
        out[field] = this.options.secretBox.decrypt(cipher);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new EngineError(
          'invalid-input',
          `The saved ${labels[field]} of "${profile.name}" cannot be used. ${why}`,
        );
      }
    }
    return out;
  }

  private view(profile: StoredProfile): ProfileView {
    return {
      id: profile.id,
      name: profile.name,
      folder: profile.folder,
      order: profile.order,
      createdAt: profile.createdAt,
      updatedAt: profile.updatedAt,
      options: profile.options,
      secrets: {
        password: profile.secrets.password !== undefined,
        passphrase: profile.secrets.passphrase !== undefined,
        keyPem: profile.secrets.keyPem !== undefined,
      },
      ...(profile.subscriptions ? { subscriptions: profile.subscriptions } : {}),
    };
  }

  private snapshot(): ProfileList {
    return {
      profiles: [...this.doc.profiles].sort(byFolderThenOrder).map((p) => this.view(p)),
      protection: this.options.secretBox.protection,
      problem: this.problem,
    };
  }

  private emit(): void {
    const list = this.snapshot();
    for (const listener of this.listeners) {
      try {
        listener(list);
      } catch {
        /* a host's listener failing must not undo a saved change */
      }
    }
  }

  /** Runs one change after every earlier one: apply to a copy, write, then publish. */
  private mutate<T>(change: Change<T>): Promise<T> {
    const run = async (): Promise<T> => {
      await this.ready();
      if (this.blocked) throw new EngineError('internal', this.blocked);
      const { profiles, result } = change(this.doc.profiles);
      if (profiles === null) return result;
      const next: ProfileDocument = { version: CURRENT_VERSION, profiles };
      try {
        // While a backup waits to be restored, it must not be replaced by today's file.
        await writeFileAtomic(
          this.path,
          serializeDocument(next),
          this.restorable ? {} : { backupPath: this.backupPath },
        );
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new EngineError(
          'internal',
          `The profiles could not be saved to ${this.path} (${code}): nothing was changed.`,
        );
      }
      this.doc = next;
      this.emit();
      return result;
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        await this.offerBackupIfAny('There is no profiles file, but a backup of one exists.');
        return;
      }
      await this.refuse(`The profiles file could not be read (${code ?? String(error)}).`);
      return;
    }
    const read = readDocument(text);
    if (read.ok) {
      this.doc = read.doc;
      return;
    }
    await this.refuse(read.message);
  }

  private async refuse(message: string): Promise<void> {
    let setAsidePath: string | null = null;
    try {
      setAsidePath = await setAside(this.path, this.now());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      this.blocked = `${message} It could not be moved aside (${code}), so MQScope will not save over it: fix or move ${this.path}, then restart.`;
    }
    const where = setAsidePath
      ? ` It was moved to ${setAsidePath} and MQScope started with no profiles.`
      : ' MQScope started with no profiles and will not save over it.';
    const backupAvailable = await this.readBackup();
    this.problem = {
      message: `${message}${where}${backupAvailable ? ' A backup of the last good file can be restored.' : ''}`,
      setAsidePath,
      backupAvailable,
    };
  }

  private async offerBackupIfAny(message: string): Promise<void> {
    if (await this.readBackup()) this.problem = { message, setAsidePath: null, backupAvailable: true };
  }

  private async readBackup(): Promise<boolean> {
    try {
      const read = readDocument(await readFile(this.backupPath, 'utf8'));
      if (read.ok && read.doc.profiles.length > 0) this.restorable = read.doc;
      return this.restorable !== null;
    } catch {
      return false;
    }
  }
}
