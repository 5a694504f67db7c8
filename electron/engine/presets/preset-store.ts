import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PresetSchema, TopicSchemaSchema, type Preset, type TopicSchema } from '../../contract';
import { EngineError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';

export const PRESETS_FILE = 'publish-presets.json';

const StoreFileSchema = z.object({
  version: z.literal(1),
  /** Broker key (`host:port`) → its presets, in the order they were first saved. */
  presets: z.record(z.string(), z.array(PresetSchema)),
  topicSchemas: z.array(TopicSchemaSchema),
});
type StoreFile = z.output<typeof StoreFileSchema>;

const empty = (): StoreFile => ({ version: 1, presets: {}, topicSchemas: [] });

/**
 * Publish presets and topic schemas in one small JSON file under the host's data dir.
 * Deliberately isolated: when the profile store arrives, it can take over this file's
 * content (presets keyed by broker become presets of a profile) without touching callers.
 * Without a data dir (engine tests) it keeps everything in memory.
 */
export class PresetStore {
  /** One read shared by every caller: concurrent first requests must not each start empty. */
  private loading: Promise<StoreFile> | null = null;
  /** Writes run one after another, so a later save never lands before an earlier one. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: (() => string) | undefined) {}

  async list(broker: string): Promise<Preset[]> {
    return (await this.load()).presets[broker] ?? [];
  }

  async save(broker: string, preset: Preset): Promise<Preset[]> {
    return this.update((data) => {
      const list = data.presets[broker] ?? [];
      const at = list.findIndex((p) => p.name === preset.name);
      const next = at === -1 ? [...list, preset] : list.map((p, i) => (i === at ? preset : p));
      data.presets[broker] = next;
      return next;
    });
  }

  async remove(broker: string, name: string): Promise<Preset[]> {
    return this.update((data) => {
      const next = (data.presets[broker] ?? []).filter((p) => p.name !== name);
      const others = Object.entries(data.presets).filter(([key]) => key !== broker);
      data.presets = Object.fromEntries(next.length > 0 ? [...others, [broker, next]] : others);
      return next;
    });
  }

  async listSchemas(): Promise<TopicSchema[]> {
    return (await this.load()).topicSchemas;
  }

  async saveSchemas(schemas: TopicSchema[]): Promise<TopicSchema[]> {
    return this.update((data) => {
      data.topicSchemas = schemas;
      return schemas;
    });
  }

  private file(): string | null {
    const dir = this.dataDir?.();
    return dir ? join(dir, PRESETS_FILE) : null;
  }

  private load(): Promise<StoreFile> {
    // A failed read (permissions) is not remembered: the next request tries again.
    this.loading ??= this.read().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  private async read(): Promise<StoreFile> {
    const file = this.file();
    if (!file) return empty();
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
      throw new EngineError('internal', `Could not read the presets file ${file}: ${String(error)}`);
    }
    const parsed = safeJson(text);
    const checked = StoreFileSchema.safeParse(parsed);
    if (!checked.success) {
      // Never lose data silently: keep the unreadable file beside the fresh one.
      const aside = `${file}.broken-${Date.now()}`;
      await rename(file, aside).catch(() => undefined);
      console.warn(`The presets file was unreadable; it was kept as ${aside} and a new one started.`);
      return empty();
    }
    return checked.data;
  }

  private async update<T>(change: (data: StoreFile) => T): Promise<T> {
    const data = await this.load();
    const result = change(data);
    const file = this.file();
    if (file) {
      const content = `${JSON.stringify(data, null, 2)}\n`;
      const write = this.writing.then(() => writeFileAtomic(file, content));
      this.writing = write.catch(() => undefined);
      try {
        await write;
      } catch (error) {
        throw new EngineError('internal', `Could not save the presets file ${file}: ${String(error)}`);
      }
    }
    return result;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
