/**
 * A profile's secrets: the password, the key passphrase, a pasted private key, and the
 * values of its WebSocket headers (often `Authorization: Bearer …`, Trust #13). They are
 * kept only sealed by the SecretBox, opened only for a connection or an export, and the
 * renderer sees only which are saved: header names stay in the options, values never.
 */
import type { ParsedProfileOptions, ProfileView, SecretsInput } from '../../contract';
import { EngineError, nestText, errorDetail } from '../errors';
import type { StoredProfile, StoredSecrets } from './document';
import type { SecretBox } from './secret-box';
import { text } from '../text/keys';
import type { EngineText } from '../../contract';

/** Plain secrets as an import or export carries them. */
export interface PlainSecrets {
  password?: string;
  passphrase?: string;
  keyPem?: string;
  /** WebSocket header values by name. */
  wsHeaders?: { key: string; value: string }[];
}

const FIELDS = ['password', 'passphrase', 'keyPem'] as const;
const LABELS = {
  password: 'secret.label.password',
  passphrase: 'secret.label.passphrase',
  keyPem: 'secret.label.privateKey',
} as const;

/** Header values typed into the options (a save, an import) and those given as secrets, by name. */
function typedHeaderValues(options: ParsedProfileOptions, extra?: PlainSecrets['wsHeaders']) {
  const typed = new Map<string, string>();
  for (const h of options.wsHeaders ?? []) if (h.value !== '') typed.set(h.key, h.value);
  for (const h of extra ?? []) if (h.value !== '') typed.set(h.key, h.value);
  return typed;
}

/** The options as stored: header names kept, values left to the sealed secrets. */
export function withoutHeaderValues(options: ParsedProfileOptions): ParsedProfileOptions {
  if (!options.wsHeaders) return options;
  return { ...options, wsHeaders: options.wsHeaders.map((h) => ({ key: h.key, value: '' })) };
}

/**
 * The secrets to store after a save or an import. Per secret: a string seals it, null (or
 * '') clears it, left out keeps what is stored. A header value typed in the options replaces
 * the saved one; an empty one keeps it; a header no longer in the options loses its value.
 */
export function sealSecrets(
  box: SecretBox,
  current: StoredSecrets,
  input: SecretsInput | undefined,
  options: ParsedProfileOptions,
  extraHeaders?: PlainSecrets['wsHeaders'],
): StoredSecrets {
  const next: StoredSecrets = {};
  for (const field of FIELDS) {
    const value = input?.[field];
    // An empty secret is no secret: clearing keeps "is it set?" honest.
    const cipher = value === undefined ? current[field] : value ? box.encrypt(value) : undefined;
    if (cipher !== undefined) next[field] = cipher;
  }
  // One key source: choosing a key file drops a pasted key.
  if (options.tls?.key) delete next.keyPem;

  const typed = typedHeaderValues(options, extraHeaders);
  const saved = new Map((current.wsHeaders ?? []).map((h) => [h.key, h.value] as const));
  const headers: { key: string; value: string }[] = [];
  const seen = new Set<string>();
  for (const { key } of options.wsHeaders ?? []) {
    if (seen.has(key)) continue;
    seen.add(key);
    const plain = typed.get(key);
    const cipher = plain !== undefined ? box.encrypt(plain) : saved.get(key);
    if (cipher !== undefined) headers.push({ key, value: cipher });
  }
  if (headers.length > 0) next.wsHeaders = headers;
  return next;
}

function open(box: SecretBox, profile: StoredProfile, cipher: string, label: EngineText): string {
  try {
    return box.decrypt(cipher);
  } catch (error) {
    const labelled = { ...label.params, labelKey: label.key, name: profile.name };
    throw new EngineError(
      'invalid-input',
      error instanceof EngineError && error.text
        ? text('secret.unusable', { ...labelled, ...nestText('why', error.text) })
        : text('secret.unusableDetail', { ...labelled, detail: errorDetail(error) }),
    );
  }
}

export function openSecrets(box: SecretBox, profile: StoredProfile): PlainSecrets {
  const out: PlainSecrets = {};
  for (const field of FIELDS) {
    const cipher = profile.secrets[field];
    if (cipher !== undefined) out[field] = open(box, profile, cipher, text(LABELS[field]));
  }
  const headers = profile.secrets.wsHeaders;
  if (headers?.length) {
    out.wsHeaders = headers.map((h) => ({
      key: h.key,
      value: open(box, profile, h.value, text('secret.label.header', { header: h.key })),
    }));
  }
  return out;
}

/** Every ciphertext a profile holds (to know whether a secret key is still needed). */
export function ciphersOf(profile: StoredProfile): string[] {
  const out: string[] = [];
  for (const field of FIELDS) {
    const cipher = profile.secrets[field];
    if (cipher !== undefined) out.push(cipher);
  }
  for (const h of profile.secrets.wsHeaders ?? []) out.push(h.value);
  return out;
}

/** What the renderer may see: options without secret values, and which secrets are saved. */
export function profileView(profile: StoredProfile): ProfileView {
  return {
    id: profile.id,
    name: profile.name,
    folder: profile.folder,
    order: profile.order,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
    options: withoutHeaderValues(profile.options),
    secrets: {
      password: profile.secrets.password !== undefined,
      passphrase: profile.secrets.passphrase !== undefined,
      keyPem: profile.secrets.keyPem !== undefined,
      wsHeaders: (profile.secrets.wsHeaders ?? []).map((h) => h.key),
    },
    ...(profile.subscriptions ? { subscriptions: profile.subscriptions } : {}),
  };
}
