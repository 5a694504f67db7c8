/**
 * MQScope's own export file. Secrets are left out unless the user asks, and then sealed
 * with a passphrase of their choice: scrypt derives the key, AES-256-GCM seals the
 * secrets of all profiles as one block (so a wrong passphrase fails as a whole).
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { ProfileFolderSchema, ProfileSubscriptionsSchema, type ImportReportEntry } from '../../contract';
import { EngineError } from '../errors';
import { fileStamp } from '../fs/atomic-write';
import type { StoredProfile } from './document';
import { fitOptions, note } from './fit-options';
import { bytesFromJson, bytesToJson } from './json-bytes';
import type { PlainSecrets } from './profile-secrets';
import type { ImportCandidate } from './store-import';
import { text as say } from '../text/keys';

export const EXPORT_FORMAT = 'mqscope-profiles';
const EXPORT_VERSION = 1;

/** About 32 MiB and a tenth of a second: slow to guess, quick to use once. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };

/**
 * Trust #11: the file names its own scrypt cost, and N=2^20 with r=32 takes 4 GB. An import
 * accepts at most what this exporter writes, checked before scrypt runs.
 */
export const SCRYPT_LIMITS = { ...SCRYPT };
const KEY_BYTES = 32;

function deriveKey(
  passphrase: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const SealedSchema = z
  .object({
    kdf: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .refine((n) => Number.isInteger(Math.log2(n)), 'N must be a power of 2'),
    r: z.number().int().min(1),
    p: z.number().int().min(1),
    salt: z.string(),
    iv: z.string(),
    tag: z.string(),
    data: z.string(),
  })
  .strict();

const ExportedProfileSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  name: z.string().min(1).max(200),
  folder: z.string().max(512).default(''),
  options: z.record(z.string(), z.unknown()),
  /** Checked on import on its own, so a bad one costs the subscriptions, not the profile. */
  subscriptions: z.unknown().optional(),
});

const ExportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int(),
  exportedAt: z.string().optional(),
  profiles: z.array(ExportedProfileSchema),
  /** One sealed JSON array, aligned with `profiles`. */
  sealedSecrets: SealedSchema.optional(),
});

const SecretsArraySchema = z.array(
  z
    .object({
      password: z.string().optional(),
      passphrase: z.string().optional(),
      keyPem: z.string().optional(),
      wsHeaders: z
        .array(z.object({ key: z.string(), value: z.string() }).strict())
        .max(64)
        .optional(),
    })
    .strict(),
);

/** One sentence, before any memory is spent, when the file asks for more than we ever write. */
function checkScryptCost(sealed: { N: number; r: number; p: number }): void {
  const over = (['N', 'r', 'p'] as const).filter((k) => sealed[k] > SCRYPT_LIMITS[k]);
  if (over.length === 0) return;
  const asked = over.map((k) => `${k}=${sealed[k]}`).join(', ');
  const allowed = over.map((k) => `${k}=${SCRYPT_LIMITS[k]}`).join(', ');
  throw new EngineError('invalid-input', say('exchange.scryptCost', { asked, allowed }));
}

export async function buildExport(
  items: { profile: StoredProfile; secrets: PlainSecrets }[],
  scopeLabel: string,
  passphrase: string | undefined,
  now: Date,
): Promise<{ fileName: string; text: string }> {
  const file: Record<string, unknown> = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    profiles: items.map(({ profile }) => ({
      id: profile.id,
      name: profile.name,
      folder: profile.folder,
      options: bytesToJson(profile.options),
      ...(profile.subscriptions ? { subscriptions: profile.subscriptions } : {}),
    })),
  };
  if (passphrase !== undefined) {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const key = await deriveKey(passphrase, salt, SCRYPT);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const plain = JSON.stringify(items.map(({ secrets }) => secrets));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    file['sealedSecrets'] = {
      kdf: 'scrypt',
      ...SCRYPT,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }
  const slug = scopeLabel.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'profiles';
  return {
    fileName: `mqscope-${slug}-${fileStamp(now)}.json`,
    text: `${JSON.stringify(file, null, 2)}\n`,
  };
}

async function openSecrets(sealed: z.infer<typeof SealedSchema>, passphrase: string, count: number) {
  checkScryptCost(sealed);
  const key = await deriveKey(passphrase, Buffer.from(sealed.salt, 'base64'), sealed);
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new EngineError('invalid-input', say('exchange.wrongPassphrase'));
  }
  const secrets = SecretsArraySchema.safeParse(JSON.parse(plain));
  if (!secrets.success || secrets.data.length !== count) {
    throw new EngineError('invalid-input', say('exchange.secretsMismatch'));
  }
  return secrets.data;
}

export type ParsedExport =
  | { status: 'needs-passphrase' }
  | { status: 'ok'; candidates: ImportCandidate[]; failed: ImportReportEntry[] };

export async function parseExport(
  text: string,
  passphrase?: string,
  ignoreSecrets = false,
): Promise<ParsedExport> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new EngineError('invalid-input', say('exchange.notJson'));
  }
  if (Array.isArray(raw)) {
    throw new EngineError('invalid-input', say('exchange.isMqttx'));
  }
  const parsed = ExportFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new EngineError(
      'invalid-input',
      first
        ? say('exchange.notExportAt', { path: first.path.map(String).join('.'), detail: first.message })
        : say('exchange.notExport'),
    );
  }
  const file = parsed.data;
  if (file.version > EXPORT_VERSION) {
    throw new EngineError('invalid-input', say('exchange.newer', { version: String(file.version) }));
  }
  let secrets: PlainSecrets[] | null = null;
  if (file.sealedSecrets && !ignoreSecrets) {
    // Before asking for a passphrase that could not be used anyway.
    checkScryptCost(file.sealedSecrets);
    if (passphrase === undefined || passphrase === '') return { status: 'needs-passphrase' };
    secrets = await openSecrets(file.sealedSecrets, passphrase, file.profiles.length);
  }
  const candidates: ImportCandidate[] = [];
  const failed: ImportReportEntry[] = [];
  file.profiles.forEach((profile, index) => {
    const fitted = fitOptions(bytesFromJson(profile.options) as Record<string, unknown>);
    if (!fitted.ok) {
      failed.push({ name: profile.name, profileId: null, outcome: 'failed', notes: fitted.notes });
      return;
    }
    const notes = [...fitted.notes];
    const subscriptions =
      profile.subscriptions === undefined
        ? undefined
        : ProfileSubscriptionsSchema.safeParse(profile.subscriptions);
    if (subscriptions && !subscriptions.success)
      notes.push({ field: 'subscriptions', text: note('badSubscriptions') });
    if (file.sealedSecrets && ignoreSecrets) notes.push({ field: 'secrets', text: note('noSecrets') });
    candidates.push({
      ...(profile.id !== undefined ? { sourceId: profile.id } : {}),
      name: profile.name,
      folder: ProfileFolderSchema.safeParse(profile.folder).success ? profile.folder : '',
      options: fitted.options,
      secrets: secrets?.[index] ?? {},
      notes,
      ...(subscriptions?.success ? { subscriptions: subscriptions.data } : {}),
    });
  });
  return { status: 'ok', candidates, failed };
}
