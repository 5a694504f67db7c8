import { copyFile, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { loadProtoFiles } from '../../codecs';
import type { PayloadFormats, Preset, TopicSchema } from '../../contract';
import { EngineError, nestText } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import {
  emptyEntry,
  emptyStore,
  parseStoreFile,
  storeFileText,
  type FormatsEntry,
  type ProfileBroker,
  type StoreData,
} from './store-file';
import { text as say } from '../text/keys';

export const PRESETS_FILE = 'publish-presets.json';
/** The version 1 file as it was before its migration, kept beside the new one. */
export const PRESETS_V1_BACKUP = 'publish-presets.v1.json';

/** Where a request's presets and formats live: a profile's, or the connection's broker's. */
export interface Scope {
  broker?: string;
  profileId?: string | undefined;
}

/**
 * Publish presets, topic schemas, codec bindings and `.proto` files, per profile, in one
 * small JSON file under the host's data dir (version 2; a version 1 file is migrated on
 * first read). Without a data dir (engine tests) it keeps everything in memory.
 */
export class PresetStore {
  /** One read shared by every caller: concurrent first requests must not each start empty. */
  private loading: Promise<StoreData> | null = null;
  /** Writes run one after another, so a later save never lands before an earlier one. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataDir: (() => string) | undefined,
    /** The profiles a version 1 file's presets are attached to, by broker. */
    private readonly profiles: () => Promise<ProfileBroker[]> = async () => [],
  ) {}

  async list(scope: Scope): Promise<Preset[]> {
    return listOf(await this.load(), scope);
  }

  async save(scope: Scope, preset: Preset): Promise<Preset[]> {
    return this.update((data) => {
      const replace = (list: Preset[]) => {
        const at = list.findIndex((p) => p.name === preset.name);
        return at === -1 ? [...list, preset] : list.map((p, i) => (i === at ? preset : p));
      };
      if (scope.profileId) {
        const entry = entryOf(data, scope.profileId);
        entry.presets = replace(entry.presets);
      } else if (scope.broker) {
        data.brokers.set(scope.broker, replace(data.brokers.get(scope.broker) ?? []));
      }
      return listOf(data, scope);
    });
  }

  async remove(scope: Scope, name: string): Promise<Preset[]> {
    return this.update((data) => {
      if (scope.profileId) {
        const entry = entryOf(data, scope.profileId);
        entry.presets = entry.presets.filter((p) => p.name !== name);
      }
      // A broker's presets are shown to its profiles too: deleting one there deletes it.
      if (scope.broker) {
        const next = (data.brokers.get(scope.broker) ?? []).filter((p) => p.name !== name);
        if (next.length > 0) data.brokers.set(scope.broker, next);
        else data.brokers.delete(scope.broker);
      }
      return listOf(data, scope);
    });
  }

  async listSchemas(profileId?: string): Promise<TopicSchema[]> {
    return formatsOf(await this.load(), profileId).topicSchemas;
  }

  async saveSchemas(schemas: TopicSchema[], profileId?: string): Promise<TopicSchema[]> {
    return this.update((data) => {
      const entry = profileId ? entryOf(data, profileId) : data.shared;
      entry.topicSchemas = schemas;
      return schemas;
    });
  }

  async getFormats(profileId?: string): Promise<PayloadFormats> {
    const { topicSchemas, codecBindings, protoFiles } = formatsOf(await this.load(), profileId);
    return { topicSchemas, codecBindings, protoFiles };
  }

  async saveFormats(formats: PayloadFormats, profileId?: string): Promise<PayloadFormats> {
    if (formats.protoFiles.length > 0) {
      const loaded = loadProtoFiles(formats.protoFiles);
      if (!loaded.ok) {
        const why = nestText('why', loaded.text);
        const { file, line, column } = loaded;
        throw new EngineError(
          'invalid-input',
          file !== undefined && line !== undefined && column !== undefined
            ? say('presets.protoProblemAt', { file, line, column, ...why })
            : file !== undefined
              ? say('presets.protoProblemIn', { file, ...why })
              : say('presets.protoProblem', why),
        );
      }
      for (const binding of formats.codecBindings) {
        if (
          binding.codec === 'protobuf' &&
          binding.messageType &&
          !loaded.types.includes(binding.messageType)
        ) {
          throw new EngineError(
            'invalid-input',
            say('presets.noMessageType', { type: binding.messageType ?? '' }),
          );
        }
      }
    }
    return this.update((data) => {
      const entry = profileId ? entryOf(data, profileId) : data.shared;
      entry.topicSchemas = formats.topicSchemas;
      entry.codecBindings = formats.codecBindings;
      entry.protoFiles = formats.protoFiles;
      return formats;
    });
  }

  private file(): string | null {
    const dir = this.dataDir?.();
    return dir ? join(dir, PRESETS_FILE) : null;
  }

  private load(): Promise<StoreData> {
    // A failed read (permissions) is not remembered: the next request tries again.
    this.loading ??= this.read().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  private async read(): Promise<StoreData> {
    const file = this.file();
    if (!file) return emptyStore();
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyStore();
      throw new EngineError('internal', say('file.presetsUnreadable', { path: file, detail: String(error) }));
    }
    const value = safeJson(text);
    const needsProfiles =
      typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1;
    const checked = parseStoreFile(value, needsProfiles ? await this.profiles() : []);
    if (!checked) {
      // Never lose data silently: keep the unreadable file beside the fresh one.
      const aside = `${file}.broken-${Date.now()}`;
      await rename(file, aside).catch(() => undefined);
      console.warn(`The presets file was unreadable; it was kept as ${aside} and a new one started.`);
      return emptyStore();
    }
    if (checked.migratedFrom === 1) {
      // The old file stays as it was beside the new one; then the new version is written.
      const dir = this.dataDir?.() ?? '';
      await copyFile(file, join(dir, PRESETS_V1_BACKUP));
      await writeFileAtomic(file, storeFileText(checked.data));
    }
    return checked.data;
  }

  private async update<T>(change: (data: StoreData) => T): Promise<T> {
    const data = await this.load();
    const result = change(data);
    const file = this.file();
    if (file) {
      const content = storeFileText(data);
      const write = this.writing.then(() => writeFileAtomic(file, content));
      this.writing = write.catch(() => undefined);
      try {
        await write;
      } catch (error) {
        throw new EngineError('internal', say('file.presetsUnsaved', { path: file, detail: String(error) }));
      }
    }
    return result;
  }
}

function entryOf(data: StoreData, profileId: string): FormatsEntry {
  let entry = data.profiles.get(profileId);
  if (!entry) {
    entry = emptyEntry();
    data.profiles.set(profileId, entry);
  }
  return entry;
}

function formatsOf(data: StoreData, profileId: string | undefined): FormatsEntry {
  return profileId ? (data.profiles.get(profileId) ?? emptyEntry()) : data.shared;
}

/** A profile's presets, then its broker's (v1 presets no profile claimed) that it does not shadow. */
function listOf(data: StoreData, scope: Scope): Preset[] {
  const broker = scope.broker ? (data.brokers.get(scope.broker) ?? []) : [];
  if (!scope.profileId) return broker;
  const own = data.profiles.get(scope.profileId)?.presets ?? [];
  return [...own, ...broker.filter((p) => !own.some((o) => o.name === p.name))];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
