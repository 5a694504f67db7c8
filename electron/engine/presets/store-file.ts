import { z } from 'zod';
import {
  CodecBindingSchema,
  PresetSchema,
  ProtoFileSchema,
  TopicSchemaSchema,
  type CodecBinding,
  type Preset,
  type ProtoFileEntry,
  type TopicSchema,
} from '../../contract';

/** A profile's (or the no-profile scope's) publish presets and payload formats. */
export interface FormatsEntry {
  presets: Preset[];
  topicSchemas: TopicSchema[];
  codecBindings: CodecBinding[];
  protoFiles: ProtoFileEntry[];
}

/**
 * In memory. Keys are user input ("constructor", "__proto__" are valid keys), so they live
 * in Maps, never as properties of a plain object (Trust #2).
 */
export interface StoreData {
  /** profile id → its formats */
  profiles: Map<string, FormatsEntry>;
  /** `host:port` → presets of connections without a profile, and v1 presets no profile claimed */
  brokers: Map<string, Preset[]>;
  /** Schemas, bindings and `.proto` files of connections without a profile (v1's global schemas). */
  shared: FormatsEntry;
}

/** A profile as the migration needs it: which broker it connects to. */
export interface ProfileBroker {
  id: string;
  host: string;
  port: number;
}

export const emptyEntry = (): FormatsEntry => ({
  presets: [],
  topicSchemas: [],
  codecBindings: [],
  protoFiles: [],
});
export const emptyStore = (): StoreData => ({
  profiles: new Map(),
  brokers: new Map(),
  shared: emptyEntry(),
});

const V1Schema = z.object({
  version: z.literal(1),
  // Checked entry by entry: a zod record would assign a "__proto__" key.
  presets: z.unknown(),
  topicSchemas: z.array(TopicSchemaSchema),
});

const EntrySchema = z.object({
  presets: z.array(PresetSchema).default([]),
  topicSchemas: z.array(TopicSchemaSchema).default([]),
  codecBindings: z.array(CodecBindingSchema).default([]),
  protoFiles: z.array(ProtoFileSchema).default([]),
});

const V2Schema = z.object({
  version: z.literal(2),
  profiles: z.unknown(),
  brokers: z.unknown(),
  shared: EntrySchema,
});

/** Own entries of a JSON object (JSON.parse makes "__proto__" an own key too), or null. */
function ownEntries(raw: unknown): [string, unknown][] | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  return Object.entries(raw);
}

function parseMap<T>(raw: unknown, schema: z.ZodType<T>): Map<string, T> | null {
  const entries = ownEntries(raw);
  if (!entries) return null;
  const out = new Map<string, T>();
  for (const [key, value] of entries) {
    const parsed = schema.safeParse(value);
    if (!parsed.success) return null;
    out.set(key, parsed.data);
  }
  return out;
}

/** The broker keys a profile answers to: `host:port`, and `host` alone (a URL drops default ports). */
function brokerKeys(profile: ProfileBroker): string[] {
  return [`${profile.host}:${profile.port}`, profile.host];
}

/**
 * Version 1 kept presets by `host:port` and one global list of schemas. Version 2 gives each
 * profile whose broker matches a copy of that broker's presets and of the global schemas;
 * presets no profile claims stay under their broker key (still shown for that broker), and
 * the global schemas stay as the no-profile scope's. Nothing is dropped.
 */
export function migrateV1(
  presets: Map<string, Preset[]>,
  topicSchemas: TopicSchema[],
  profiles: readonly ProfileBroker[],
): StoreData {
  const data = emptyStore();
  data.shared.topicSchemas = topicSchemas;
  const claimed = new Set<string>();
  for (const profile of profiles) {
    const entry = emptyEntry();
    entry.topicSchemas = [...topicSchemas];
    for (const key of brokerKeys(profile)) {
      const list = presets.get(key);
      if (!list) continue;
      claimed.add(key);
      for (const preset of list)
        if (!entry.presets.some((p) => p.name === preset.name)) entry.presets.push(preset);
    }
    data.profiles.set(profile.id, entry);
  }
  for (const [broker, list] of presets) if (!claimed.has(broker)) data.brokers.set(broker, list);
  return data;
}

export type ParsedStore = { data: StoreData; migratedFrom: 1 | null } | null;

/** The parsed file (migrated to version 2 when it is version 1), or null when it is not ours. */
export function parseStoreFile(value: unknown, profiles: readonly ProfileBroker[]): ParsedStore {
  const v1 = V1Schema.safeParse(value);
  if (v1.success) {
    const presets = parseMap(v1.data.presets, z.array(PresetSchema));
    if (!presets) return null;
    return { data: migrateV1(presets, v1.data.topicSchemas, profiles), migratedFrom: 1 };
  }
  const v2 = V2Schema.safeParse(value);
  if (!v2.success) return null;
  const byProfile = parseMap(v2.data.profiles, EntrySchema);
  const brokers = parseMap(v2.data.brokers, z.array(PresetSchema));
  if (!byProfile || !brokers) return null;
  return { data: { profiles: byProfile, brokers, shared: v2.data.shared }, migratedFrom: null };
}

/** The file's JSON; Object.fromEntries defines keys as own properties, "__proto__" too. */
export function storeFileText(data: StoreData): string {
  const file = {
    version: 2,
    profiles: Object.fromEntries(data.profiles),
    brokers: Object.fromEntries(data.brokers),
    shared: data.shared,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
