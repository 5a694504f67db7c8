/**
 * The profiles file: a versioned JSON document, checked against a schema when it is read.
 * Older versions are migrated forward one step at a time; anything else (damaged text,
 * a newer version, the wrong shape) is refused with one sentence saying which.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ProfileFolderSchema,
  ProfileIdSchema,
  ProfileOptionsSchema,
  ProfileSubscriptionsSchema,
  type ParsedProfileSubscription,
  TransportSchema,
  type ParsedProfileOptions,
} from '../../contract';
import { bytesFromJson, bytesToJson } from './json-bytes';

/** 2: WebSocket header values are sealed secrets (Trust #13); 1 kept them in the options. */
export const CURRENT_VERSION = 2;

/** Seals one secret for the file (the store's SecretBox); a migration may need it. */
export type Seal = (plain: string) => string;

/** Ciphertexts from the SecretBox; never plain text. */
const StoredSecretsSchema = z
  .object({
    password: z.string().optional(),
    passphrase: z.string().optional(),
    keyPem: z.string().optional(),
    /** Sealed values of the profile's WebSocket headers, by header name. */
    wsHeaders: z
      .array(z.object({ key: z.string(), value: z.string() }).strict())
      .max(64)
      .optional(),
  })
  .strict();
export type StoredSecrets = z.infer<typeof StoredSecretsSchema>;

const StoredProfileSchema = z
  .object({
    id: ProfileIdSchema,
    name: z.string().min(1).max(200),
    folder: ProfileFolderSchema,
    order: z.number(),
    createdAt: z.number(),
    updatedAt: z.number(),
    options: z.preprocess(bytesFromJson, ProfileOptionsSchema),
    secrets: StoredSecretsSchema.default({}),
    /** Optional, so version 1 files without it read as they are (no migration needed). */
    subscriptions: ProfileSubscriptionsSchema.optional(),
  })
  .strict();

export interface StoredProfile {
  id: string;
  name: string;
  folder: string;
  order: number;
  createdAt: number;
  updatedAt: number;
  options: ParsedProfileOptions;
  secrets: StoredSecrets;
  subscriptions?: ParsedProfileSubscription[];
}

const DocumentSchema = z
  .object({
    version: z.literal(CURRENT_VERSION),
    profiles: z.array(StoredProfileSchema),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    for (const profile of doc.profiles) {
      if (seen.has(profile.id))
        ctx.addIssue({ code: 'custom', message: `Two profiles share the id "${profile.id}".` });
      seen.add(profile.id);
    }
  });

export interface ProfileDocument {
  version: typeof CURRENT_VERSION;
  profiles: StoredProfile[];
}

export function emptyDocument(): ProfileDocument {
  return { version: CURRENT_VERSION, profiles: [] };
}

export function serializeDocument(doc: ProfileDocument): string {
  return `${JSON.stringify(bytesToJson(doc), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------
// Migrations. Version 0 was a bare array of { name, hostname, port, protocol, ... }.

const V0Schema = z.array(
  z.object({
    name: z.string().min(1),
    hostname: z.string().min(1),
    port: z.number().int(),
    protocol: TransportSchema.default('mqtt'),
    clientId: z.string().optional(),
    username: z.string().optional(),
    keepalive: z.number().int().optional(),
  }),
);

function migrateV0(raw: unknown): unknown {
  const old = V0Schema.parse(raw);
  const now = Date.now();
  return {
    version: 1,
    profiles: old.map((p, index) => ({
      id: randomUUID(),
      name: p.name,
      folder: '',
      order: index,
      createdAt: now,
      updatedAt: now,
      options: {
        transport: p.protocol,
        host: p.hostname,
        port: p.port,
        ...(p.clientId !== undefined ? { clientId: p.clientId } : {}),
        ...(p.username !== undefined ? { username: p.username } : {}),
        ...(p.keepalive !== undefined ? { keepaliveSeconds: p.keepalive } : {}),
      },
      secrets: {},
    })),
  };
}

// Version 1 kept WebSocket header values (often `Authorization: Bearer …`) in plain text in
// the options. Version 2 seals each value and keeps only the names in the options.

const V1HeadersSchema = z.object({
  version: z.literal(1),
  profiles: z.array(
    z
      .object({
        options: z
          .object({
            wsHeaders: z.array(z.object({ key: z.string(), value: z.string() }).passthrough()).optional(),
          })
          .passthrough(),
        secrets: z.record(z.string(), z.unknown()).optional(),
      })
      .passthrough(),
  ),
});

function migrateV1(raw: unknown, seal: Seal | undefined): unknown {
  const read = V1HeadersSchema.safeParse(raw);
  // Not the shape this step knows: the document check that follows says what is wrong.
  if (!read.success) return { ...(raw as object), version: 2 };
  const doc = read.data;
  return {
    ...doc,
    version: 2,
    profiles: doc.profiles.map((profile) => {
      const headers = profile.options.wsHeaders;
      if (!headers?.length) return profile;
      const withValue = headers.filter((h) => h.value !== '');
      if (withValue.length > 0 && !seal) throw new UnsealableError();
      return {
        ...profile,
        options: { ...profile.options, wsHeaders: headers.map((h) => ({ ...h, value: '' })) },
        secrets: {
          ...profile.secrets,
          ...(withValue.length && seal
            ? { wsHeaders: withValue.map((h) => ({ key: h.key, value: seal(h.value) })) }
            : {}),
        },
      };
    }),
  };
}

class MigrationGap extends Error {
  constructor(version: number) {
    super(`no migration from version ${version}`);
  }
}

/** A migration had secrets to seal and no way to seal them. */
class UnsealableError extends Error {
  constructor() {
    super('its WebSocket header values must be encrypted, and no secret box was given');
  }
}

/** From version N to N+1. */
const MIGRATIONS: Record<number, (raw: unknown, seal: Seal | undefined) => unknown> = {
  0: migrateV0,
  1: migrateV1,
};

function versionOf(raw: unknown): number | null {
  if (Array.isArray(raw)) return 0;
  if (typeof raw === 'object' && raw !== null) {
    const version = (raw as Record<string, unknown>)['version'];
    if (typeof version === 'number' && Number.isInteger(version) && version >= 0) return version;
  }
  return null;
}

export type ReadResult =
  | { ok: true; doc: ProfileDocument; migratedFrom: number | null }
  | { ok: false; kind: 'corrupt' | 'future' | 'shape' | 'unsealable'; message: string };

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'it does not have the expected shape';
  const where = first.path.length ? ` at ${first.path.map(String).join('.')}` : '';
  return `${first.message}${where}`;
}

/**
 * Reads a profiles file's text; never throws. `seal` encrypts what a migration takes out of
 * plain text; a failure to seal is reported as 'unsealable' (the file itself is fine).
 */
export function readDocument(text: string, seal?: Seal): ReadResult {
  let raw: unknown;
  try {
    // A BOM (Windows editors add one) is not part of the JSON; it is not written back (Trust #15).
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    const what = text.trim() === '' ? 'is empty' : 'is not valid JSON';
    return { ok: false, kind: 'corrupt', message: `The profiles file ${what} (damaged or cut short).` };
  }
  let version = versionOf(raw);
  if (version === null) {
    return {
      ok: false,
      kind: 'shape',
      message: 'The profiles file has no version: it is not an MQScope profiles file.',
    };
  }
  if (version > CURRENT_VERSION) {
    return {
      ok: false,
      kind: 'future',
      message: `The profiles file was written by a newer MQScope (format ${version}; this one reads up to ${CURRENT_VERSION}).`,
    };
  }
  const from = version;
  try {
    while (version < CURRENT_VERSION) {
      const step = MIGRATIONS[version];
      if (!step) throw new MigrationGap(version);
      raw = step(raw, seal);
      version += 1;
    }
  } catch (error) {
    if (!(error instanceof z.ZodError) && !(error instanceof MigrationGap)) {
      // Sealing failed (no box, or the key could not be made): the file itself is not at fault.
      const why = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        kind: 'unsealable',
        message: `The profiles file (format ${from}) could not be upgraded: its WebSocket header values could not be encrypted (${why}).`,
      };
    }
    const detail = error instanceof z.ZodError ? describeIssues(error) : error.message;
    return {
      ok: false,
      kind: 'shape',
      message: `The profiles file (format ${from}) could not be upgraded: ${detail}.`,
    };
  }
  const parsed = DocumentSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      kind: 'shape',
      message: `The profiles file does not have the expected shape: ${describeIssues(parsed.error)}.`,
    };
  }
  return {
    ok: true,
    doc: parsed.data as ProfileDocument,
    migratedFrom: from === CURRENT_VERSION ? null : from,
  };
}
