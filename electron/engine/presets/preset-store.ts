import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PresetSchema, TopicSchemaSchema, type Preset, type TopicSchema } from '../../contract';
import { EngineError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';

export const PRESETS_FILE = 'publish-presets.json';

/** The file as written: presets by broker key (`host:port`), in the order first saved. */
const StoreFileSchema = z.object({
  version: z.literal(1),
  // Checked entry by entry in parseStoreFile: a zod record would assign a "__proto__" key.
  presets: z.unknown(),
  topicSchemas: z.array(TopicSchemaSchema),
});
const PresetListSchema = z.array(PresetSchema);

/**
 * In memory, broker keys are user input ("constructor", "__proto__" are valid keys), so
 * they live in a Map, never as properties of a plain object (Trust #2).
 */
interface StoreData {
  presets: Map<string, Preset[]>;
  topicSchemas: TopicSchema[];
}

const empty = (): StoreData => ({ presets: new Map(), topicSchemas: [] });

/** The parsed file, or null when it is not ours. */
export function parseStoreFile(value: unknown): StoreData | null {
  const checked = StoreFileSchema.safeParse(value);
  if (!checked.success) return null;
  const raw = checked.data.presets;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const presets = new Map<string, Preset[]>();
  // JSON.parse makes every key an own property, "__proto__" included; entries() sees them all.
  for (const [broker, list] of Object.entries(raw)) {
    const parsed = PresetListSchema.safeParse(list);
    if (!parsed.success) return null;
    presets.set(broker, parsed.data);
  }
  return { presets, topicSchemas: checked.data.topicSchemas };
}

/** The file's JSON; Object.fromEntries defines keys as own properties, "__proto__" too. */
export function storeFileText(data: StoreData): string {
  const file = { version: 1, presets: Object.fromEntries(data.presets), topicSchemas: data.topicSchemas };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Publish presets and topic schemas in one small JSON file under the host's data dir.
 * Deliberately isolated: when the profile store arrives, it can take over this file's
 * content (presets keyed by broker become presets of a profile) without touching callers.
 * Without a data dir (engine tests) it keeps everything in memory.
 */
export class PresetStore {
  /** One read shared by every caller: concurrent first requests must not each start empty. */
  private loading: Promise<StoreData> | null = null;
  /** Writes run one after another, so a later save never lands before an earlier one. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: (() => string) | undefined) {}

  async list(broker: string): Promise<Preset[]> {
    return (await this.load()).presets.get(broker) ?? [];
  }

  async save(broker: string, preset: Preset): Promise<Preset[]> {
    return this.update((data) => {
      const list = data.presets.get(broker) ?? [];
      const at = list.findIndex((p) => p.name === preset.name);
      const next = at === -1 ? [...list, preset] : list.map((p, i) => (i === at ? preset : p));
      data.presets.set(broker, next);
      return next;
    });
  }

  async remove(broker: string, name: string): Promise<Preset[]> {
    return this.update((data) => {
      const next = (data.presets.get(broker) ?? []).filter((p) => p.name !== name);
      if (next.length > 0) data.presets.set(broker, next);
      else data.presets.delete(broker);
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
    if (!file) return empty();
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
      throw new EngineError('internal', `Could not read the presets file ${file}: ${String(error)}`);
    }
    const checked = parseStoreFile(safeJson(text));
    if (!checked) {
      // Never lose data silently: keep the unreadable file beside the fresh one.
      const aside = `${file}.broken-${Date.now()}`;
      await rename(file, aside).catch(() => undefined);
      console.warn(`The presets file was unreadable; it was kept as ${aside} and a new one started.`);
      return empty();
    }
    return checked;
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
