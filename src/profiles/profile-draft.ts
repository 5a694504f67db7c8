/**
 * The profile editor as a pure value: a profile loaded into the connection form, what
 * changed since it was loaded, and the conversions to `profiles.save` input. The renderer
 * never holds a stored secret: it knows only which are saved, and what the user typed or
 * asked to clear (typed = replace, cleared = remove, neither = keep).
 */
import {
  ProfileFolderSchema,
  ProfileNameSchema,
  type ConnectOptions,
  type MqttjsDraft,
  type ProfileOptions,
  type ProfileView,
  type SaveProfileInput,
  type SecretsInput,
} from '../../electron/contract';
import {
  DEFAULT_FORM,
  fromConnectOptions,
  toConnectOptions,
  type ConnectField,
  type ConnectFormValues,
  type FieldProblems,
} from '../connections/connect-form-values';
import { formFieldOf, type FromCodeMarks } from '../connections/form/from-code';
import { defaultReconnectSeconds } from '../settings/defaults';
import { ruleMessage } from '../i18n/engine-text';

export type SecretName = 'password' | 'passphrase' | 'keyPem';
export type SecretFlags = Record<SecretName, boolean>;

export const NO_SECRETS: SecretFlags = { password: false, passphrase: false, keyPem: false };

export interface ProfileDraft {
  /** null: the form is not (yet) a saved profile. */
  profileId: string | null;
  name: string;
  folder: string;
  values: ConnectFormValues;
  /** Which secrets the stored profile holds. */
  saved: SecretFlags;
  /** Saved secrets the user asked to remove on the next Save. */
  cleared: SecretFlags;
  /** Fields a code import could not fill (the code computes them): shown next to each field. */
  fromCode?: FromCodeMarks;
  /**
   * WebSocket headers whose value the stored profile holds (Trust #13): the form shows
   * them with an empty value; left empty, Save keeps the saved value.
   */
  savedHeaders: readonly string[];
}

export interface DraftProblems {
  name?: string;
  folder?: string;
  fields: FieldProblems;
}

export function newDraft(folder = ''): ProfileDraft {
  return {
    profileId: null,
    name: '',
    folder,
    // A new form starts with the reconnect period chosen in Settings.
    values: { ...DEFAULT_FORM, reconnectPeriod: String(defaultReconnectSeconds()) },
    saved: NO_SECRETS,
    cleared: NO_SECRETS,
    savedHeaders: [],
  };
}

export function draftFromProfile(profile: ProfileView): ProfileDraft {
  return {
    profileId: profile.id,
    name: profile.name,
    folder: profile.folder,
    values: fromConnectOptions(profile.options),
    saved: {
      password: profile.secrets.password,
      passphrase: profile.secrets.passphrase,
      keyPem: profile.secrets.keyPem,
    },
    cleared: NO_SECRETS,
    savedHeaders: profile.secrets.wsHeaders,
  };
}

/**
 * A draft read from mqtt.js code: every literal in the form, the secrets typed in, and the
 * fields the code computes left empty and marked. Not saved: the user completes it first.
 */
export function draftFromMqttjs(parsed: MqttjsDraft, name: string, folder = ''): ProfileDraft {
  const { tls, ...rest } = parsed.options;
  const { password, passphrase, keyPem } = parsed.secrets;
  const options: ConnectOptions = { ...rest, ...(password !== undefined ? { password } : {}) };
  if (tls || passphrase !== undefined || keyPem !== undefined) {
    options.tls = {
      ...(tls ?? { verifyServer: true }),
      ...(passphrase !== undefined ? { passphrase } : {}),
      ...(keyPem !== undefined ? { key: { kind: 'pem' as const, pem: keyPem } } : {}),
    };
  }
  const values: ConnectFormValues = { ...fromConnectOptions(options) };
  const marks: FromCodeMarks = {};
  for (const { field, expression } of parsed.fromCode) {
    const formField = formFieldOf(field);
    if (!formField) continue;
    marks[formField] ??= expression;
    blank(values, formField);
  }
  return { ...newDraft(folder), name, values, fromCode: marks };
}

/** Empties a text field the code computes; choices (transport, QoS, flags) keep their default. */
function blank(values: ConnectFormValues, field: ConnectField): void {
  const current = values[field];
  if (typeof current === 'string' && field !== 'transport' && field !== 'protocolVersion')
    (values as unknown as Record<string, unknown>)[field] = '';
  else if (typeof current === 'object' && !Array.isArray(current) && current !== null)
    (values as unknown as Record<string, unknown>)[field] = { ...current, text: '' };
}

/** True when Save would change something. */
export function isDirty(draft: ProfileDraft, baseline: ProfileDraft): boolean {
  return (
    draft.name !== baseline.name ||
    draft.folder !== baseline.folder ||
    Object.values(draft.cleared).some(Boolean) ||
    JSON.stringify(draft.values) !== JSON.stringify(baseline.values)
  );
}

/** A saved secret that stays as it is: saved, not cleared, nothing typed over it. */
export function keepsSavedSecret(draft: ProfileDraft, name: SecretName): boolean {
  if (!draft.saved[name] || draft.cleared[name]) return false;
  const v = draft.values;
  if (name === 'password') return v.password === '';
  if (name === 'passphrase') return v.passphrase === '';
  return v.key.mode === 'pem' && v.key.text.trim() === '';
}

/** Saved header values the form leaves as they are (the row is there, its value empty). */
export function keptHeaderValues(draft: ProfileDraft): string[] {
  const empty = new Set(draft.values.wsHeaders.filter((row) => row.value === '').map((row) => row.key));
  return draft.savedHeaders.filter((key) => empty.has(key));
}

/**
 * Stands in for a saved pasted key while the form is checked, so "a certificate needs its
 * key" holds; it never leaves this module.
 */
const SAVED_KEY_STAND_IN = '-----BEGIN SAVED PRIVATE KEY-----\n-----END SAVED PRIVATE KEY-----';

export type DraftSave = { ok: true; input: SaveProfileInput } | { ok: false; problems: DraftProblems };

/** The draft as `profiles.save` input: options without secrets, secrets as keep/clear/set. */
export function toSaveInput(draft: ProfileDraft): DraftSave {
  const problems: DraftProblems = { fields: {} };
  const name = ProfileNameSchema.safeParse(draft.name);
  if (!name.success) problems.name = ruleMessage(name.error.issues[0]?.message ?? 'input.rule.profileName');
  const folder = ProfileFolderSchema.safeParse(draft.folder.trim());
  if (!folder.success)
    problems.folder = ruleMessage(folder.error.issues[0]?.message ?? 'input.rule.profileFolder');

  const keepKey = keepsSavedSecret(draft, 'keyPem');
  const checked = toConnectOptions(
    keepKey ? { ...draft.values, key: { mode: 'pem', text: SAVED_KEY_STAND_IN } } : draft.values,
  );
  if (!checked.ok) problems.fields = checked.problems;
  if (!checked.ok || problems.name || problems.folder) return { ok: false, problems };

  const { options, secrets } = splitSecrets(checked.options, draft.cleared);
  const input: SaveProfileInput = { name: draft.name.trim(), folder: draft.folder.trim(), options, secrets };
  if (draft.profileId) input.id = draft.profileId;
  return { ok: true, input };
}

/** Takes the secrets out of connection options; what was not typed is kept or cleared. */
export function splitSecrets(
  options: ConnectOptions,
  cleared: SecretFlags,
): { options: ProfileOptions; secrets: SecretsInput } {
  const { password, tls, ...rest } = options;
  const secrets: SecretsInput = {};
  const decide = (name: SecretName, typed: string | undefined) => {
    if (typed !== undefined && typed !== '') secrets[name] = typed;
    else if (cleared[name]) secrets[name] = null;
  };
  decide('password', password);
  const profileOptions: ProfileOptions = { ...rest };
  if (tls) {
    const { passphrase, key, ...tlsRest } = tls;
    decide('passphrase', passphrase);
    const profileTls: NonNullable<ProfileOptions['tls']> = { ...tlsRest };
    if (key?.kind === 'file') profileTls.key = key;
    decide('keyPem', key?.kind === 'pem' && key.pem !== SAVED_KEY_STAND_IN ? key.pem : undefined);
    profileOptions.tls = profileTls;
  } else {
    decide('passphrase', undefined);
    decide('keyPem', undefined);
  }
  return { options: profileOptions, secrets };
}

/** The form's unsaved edits to a saved profile, as `profiles.connect` takes them. */
export interface ProfileEdits {
  options: ProfileOptions;
  secrets: SecretsInput;
}

export type ConnectPlan =
  | { kind: 'profile'; id: string; edits?: ProfileEdits }
  | { kind: 'form' }
  | { kind: 'blocked'; problems: FieldProblems };

/**
 * What Connect in the form does: connect what is on screen. A saved profile connects
 * through the host (which holds its secrets), with the form's unsaved edits when there are
 * any; they stay unsaved. A form that is not a profile connects as typed.
 */
export function connectPlan(draft: ProfileDraft, dirty: boolean): ConnectPlan {
  if (!draft.profileId) return { kind: 'form' };
  if (!dirty) return { kind: 'profile', id: draft.profileId };
  const keepKey = keepsSavedSecret(draft, 'keyPem');
  const checked = toConnectOptions(
    keepKey ? { ...draft.values, key: { mode: 'pem', text: SAVED_KEY_STAND_IN } } : draft.values,
  );
  if (!checked.ok) return { kind: 'blocked', problems: checked.problems };
  return { kind: 'profile', id: draft.profileId, edits: splitSecrets(checked.options, draft.cleared) };
}

/**
 * The client ID for one more connection from a profile: the broker would take over a
 * session whose fixed client ID is already connected, so a second one gets a suffix.
 */
export function nextClientId(clientId: string | undefined, inUse: readonly string[]): string | undefined {
  if (!clientId || !inUse.includes(clientId)) return undefined;
  for (let n = 2; ; n++) {
    const candidate = `${clientId}-${n}`;
    if (!inUse.includes(candidate)) return candidate;
  }
}
