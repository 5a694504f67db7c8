/**
 * ProfileStore: the saved connection profiles of one data directory.
 *
 * Every change goes through one queue: it is applied to a copy, written atomically, and
 * only then becomes the state the UI sees, so two saves never interleave and memory never
 * disagrees with the disk. A file that cannot be used is moved aside (never overwritten)
 * and the store starts empty, saying what happened and whether the backup can be restored.
 */
import { randomUUID } from 'node:crypto';
import type {
  ConflictDecision,
  ConnectOptions,
  EngineText,
  ImportResult,
  ParsedProfileOptions,
  ParsedProfileSubscription,
  ProfileList,
  ProfileLoadProblem,
  ProfileView,
  SecretsInput,
} from '../../contract';
import { EngineError } from '../errors';
import { removeStaleTemps } from '../fs/temp-files';
import { CURRENT_VERSION, emptyDocument, type ProfileDocument, type StoredProfile } from './document';
import { ciphersOf, openSecrets, profileView, sealSecrets, withoutHeaderValues } from './profile-secrets';
import type { SecretBox } from './secret-box';
import { ProfileFile } from './store-file';
import { applyImport, type ImportCandidate } from './store-import';
import { byFolderThenOrder, copyName, inFolder, nextOrder } from './store-order';
import { text } from '../text/keys';

export { PROFILES_FILE } from './store-file';
export type { ImportCandidate } from './store-import';
export type { PlainSecrets } from './profile-secrets';

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

type Change<T> = (profiles: readonly StoredProfile[]) => { profiles: StoredProfile[] | null; result: T };

export class ProfileStore {
  private readonly file: ProfileFile;
  private doc: ProfileDocument = emptyDocument();
  private problem: ProfileLoadProblem | null = null;
  /** The backup's profiles, read when the main file was unusable, until restored. */
  private restorable: ProfileDocument | null = null;
  /** Set when the file could be neither read nor moved aside: saving would overwrite it. */
  private blocked: EngineText | null = null;
  private readonly trash = new Map<string, StoredProfile[]>();
  private readonly listeners = new Set<(list: ProfileList) => void>();
  private tail: Promise<unknown> = Promise.resolve();
  private loading: Promise<void> | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: ProfileStoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.file = new ProfileFile(options.dataDir, (plain) => options.secretBox.encrypt(plain), this.now);
  }

  get path(): string {
    return this.file.path;
  }

  get backupPath(): string {
    return this.file.backupPath;
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
    return profileView(this.find(this.doc.profiles, id));
  }

  /** The stored profile's options with its secrets decrypted, ready for `connection.open`. */
  async connectOptions(id: string): Promise<ConnectOptions> {
    await this.ready();
    const profile = this.find(this.doc.profiles, id);
    const plain = openSecrets(this.options.secretBox, profile);
    const { tls, ...rest } = profile.options;
    const options: ConnectOptions = { ...rest };
    if (rest.wsHeaders) {
      const values = new Map((plain.wsHeaders ?? []).map((h) => [h.key, h.value] as const));
      options.wsHeaders = rest.wsHeaders.map(({ key }) => ({ key, value: values.get(key) ?? '' }));
    }
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
    if (chosen.length === 0) throw new EngineError('not-found', text('profiles.noneToExport'));
    return chosen.map((profile) => ({ profile, secrets: openSecrets(this.options.secretBox, profile) }));
  }

  save(input: SaveInput): Promise<ProfileView> {
    return this.mutate((profiles) => {
      const now = this.now().getTime();
      if (input.id === undefined) {
        if (input.name === undefined || input.options === undefined) {
          throw new EngineError('invalid-input', text('profiles.newNeedsName'));
        }
        const folder = input.folder ?? '';
        const created: StoredProfile = {
          id: randomUUID(),
          name: input.name,
          folder,
          order: nextOrder(profiles, folder),
          createdAt: now,
          updatedAt: now,
          options: withoutHeaderValues(input.options),
          secrets: sealSecrets(this.options.secretBox, {}, input.secrets, input.options),
        };
        return { profiles: [...profiles, created], result: profileView(created) };
      }
      const existing = this.find(profiles, input.id);
      const folder = input.folder ?? existing.folder;
      const options = input.options ?? existing.options;
      const updated: StoredProfile = {
        ...existing,
        name: input.name ?? existing.name,
        folder,
        order: folder === existing.folder ? existing.order : nextOrder(profiles, folder),
        options: withoutHeaderValues(options),
        secrets: sealSecrets(this.options.secretBox, existing.secrets, input.secrets, options),
        updatedAt: now,
      };
      return {
        profiles: profiles.map((p) => (p.id === updated.id ? updated : p)),
        result: profileView(updated),
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
      return { profiles: profiles.map((p) => (p.id === id ? updated : p)), result: profileView(updated) };
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
        secrets: {
          ...original.secrets,
          ...(original.secrets.wsHeaders ? { wsHeaders: [...original.secrets.wsHeaders] } : {}),
        },
      };
      // Right after the original: shift the ones behind it.
      const shifted = profiles.map((p) =>
        p.folder === original.folder && p.order > original.order ? { ...p, order: p.order + 1 } : p,
      );
      copy.order = original.order + 1;
      return { profiles: [...shifted, copy], result: profileView(copy) };
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
      if (!removed) throw new EngineError('not-found', text('profiles.nothingToUndo'));
      const taken = new Set(profiles.map((p) => p.id));
      const restored = removed.map((p) => (taken.has(p.id) ? { ...p, id: randomUUID() } : p));
      this.trash.delete(undoToken);
      return { profiles: [...profiles, ...restored], result: restored.map((p) => profileView(p)) };
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
      if (!backup) throw new EngineError('not-found', text('profiles.noBackup'));
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
    return this.mutate<ImportResult>((profiles) =>
      applyImport(profiles, candidates, onConflict, {
        now: this.now().getTime(),
        seal: (candidate) =>
          sealSecrets(
            this.options.secretBox,
            {},
            {
              password: candidate.secrets.password ?? null,
              passphrase: candidate.secrets.passphrase ?? null,
              keyPem: candidate.secrets.keyPem ?? null,
            },
            candidate.options,
            candidate.secrets.wsHeaders,
          ),
      }),
    );
  }

  // -------------------------------------------------------------------------------------

  private find(profiles: readonly StoredProfile[], id: string): StoredProfile {
    const profile = profiles.find((p) => p.id === id);
    if (!profile) throw new EngineError('not-found', text('profiles.gone'));
    return profile;
  }

  private snapshot(): ProfileList {
    return {
      profiles: [...this.doc.profiles].sort(byFolderThenOrder).map((p) => profileView(p)),
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

  /**
   * Runs one change after every earlier one: apply to a copy, write, then publish. The
   * change is applied to the file as it is on disk now: when another writer changed it since
   * we last read or wrote it, their profiles are the base and ours go on top (Trust #9), so
   * every acknowledged save is in the file; one that no longer applies (the profile was
   * deleted there) is refused with its reason.
   */
  private mutate<T>(change: Change<T>): Promise<T> {
    const run = async (): Promise<T> => {
      await this.ready();
      if (this.blocked) throw new EngineError('internal', this.blocked);
      let adopted: ProfileDocument | null = null;
      try {
        const { doc, result } = await this.file.update(
          (theirs) => {
            adopted = theirs;
            const { profiles, result } = change((theirs ?? this.doc).profiles);
            return { doc: profiles === null ? null : { version: CURRENT_VERSION, profiles }, result };
          },
          // While a backup waits to be restored, it must not be replaced by today's file.
          { backup: this.restorable === null },
        );
        if (doc) {
          this.doc = doc;
          adopted = null;
          this.emit();
        }
        return result;
      } finally {
        if (adopted) {
          this.doc = adopted;
          this.emit();
        }
      }
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async load(): Promise<void> {
    // Temp files of a crashed writer (its PID gone, or older than a minute): Trust #12.
    await removeStaleTemps(this.options.dataDir);
    const outcome = await this.file.load();
    this.problem = outcome.problem;
    this.restorable = outcome.restorable;
    this.blocked = outcome.blocked;
    if (outcome.doc) this.doc = outcome.doc;
    await this.prepareKey(outcome.problem !== null);
    if (outcome.sealedOnLoad) await this.writeMigrated();
  }

  /**
   * Trust #10: a secret key cut short (a full disk, before keys were written atomically) may
   * be replaced when no sealed secret needs it. When the file could not be read, its secrets
   * are unknown: then nothing is replaced.
   */
  private async prepareKey(unknownSecrets: boolean): Promise<void> {
    const ciphers = [...this.doc.profiles, ...(this.restorable?.profiles ?? [])].flatMap(ciphersOf);
    try {
      await this.options.secretBox.prepare?.({ ciphers, unknownSecrets });
    } catch {
      /* left as it is: using it says what is wrong, naming the file */
    }
  }

  /**
   * An older file kept secrets in plain text (header values, Trust #13): write the upgraded
   * one now, without keeping the old one as the backup, and upgrade the backup too.
   */
  private async writeMigrated(): Promise<void> {
    try {
      await this.file.update(() => ({ doc: this.doc, result: null }), { backup: false });
      await this.file.migrateBackup();
    } catch {
      /* saved on the next change; until then the old file stays as it was */
    }
  }
}
