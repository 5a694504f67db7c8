/**
 * Saved connection profiles. The renderer never receives a secret: a profile's options
 * leave out the password, the key passphrase and a pasted private key; the view says
 * only which of them are set, and saving takes them separately (keep, clear or set).
 * WebSocket header values are secrets too (they carry tokens): a view's headers all have
 * the value "", and `secrets.wsHeaders` names those with a saved value. On save, a value
 * typed in a header replaces the saved one, "" keeps it, and a removed header loses it.
 */
import { EngineTextSchema, type EngineText } from './engine-text';
import { z } from 'zod';
import { TopicFilterSchema, request } from './common';
import { ConnectOptionsSchema, TlsOptionsSchema, type ConnectionStatus } from './connection';
import { SubscribeOptionsSchema, SubscriptionLabelSchema } from './subscriptions';

export const ProfileIdSchema = z.string().min(1).max(64);

/** "" is the top level; "Customers/ACME" is a folder inside a folder. */
export const ProfileFolderSchema = z
  .string()
  .max(512)
  .regex(/^$|^[^/\s](?:[^/]*[^/\s])?(?:\/[^/\s](?:[^/]*[^/\s])?)*$/, {
    message: 'input.rule.profileFolder',
  });

export const ProfileNameSchema = z.string().trim().min(1, 'input.rule.profileName').max(200);

/** A key is a secret when pasted; a key file stays a path (the file itself is the user's to guard). */
const KeyFileSchema = z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }).strict();

export const ProfileTlsSchema = TlsOptionsSchema.omit({ passphrase: true, key: true })
  .extend({ key: KeyFileSchema.optional() })
  .strict();

/** Every connection option except the secrets. */
export const ProfileOptionsSchema = ConnectOptionsSchema.omit({ password: true, tls: true })
  .extend({ tls: ProfileTlsSchema.optional() })
  .strict();
export type ProfileOptions = z.input<typeof ProfileOptionsSchema>;
export type ParsedProfileOptions = z.output<typeof ProfileOptionsSchema>;

/**
 * A subscription a profile keeps: the same filter and options `subscription.add` takes,
 * with the colour and alias MQTTX lets people give one.
 */
export const ProfileSubscriptionSchema = z
  .object({
    filter: TopicFilterSchema,
    options: SubscribeOptionsSchema,
    ...SubscriptionLabelSchema.shape,
  })
  .strict();
export type ProfileSubscription = z.input<typeof ProfileSubscriptionSchema>;
export type ParsedProfileSubscription = z.output<typeof ProfileSubscriptionSchema>;
export const ProfileSubscriptionsSchema = z.array(ProfileSubscriptionSchema).max(1000);

/** Which secrets a profile holds (never the secrets themselves). */
export const SecretFlagsSchema = z.object({
  password: z.boolean(),
  passphrase: z.boolean(),
  keyPem: z.boolean(),
  /** Names of the WebSocket headers whose value is saved. */
  wsHeaders: z.array(z.string()),
});

/** Per secret: left out = keep what is stored, null = clear it, a string = store this. */
export const SecretsInputSchema = z
  .object({
    password: z.string().max(65535).nullable().optional(),
    passphrase: z.string().max(4096).nullable().optional(),
    keyPem: z.string().min(1).max(1_000_000).nullable().optional(),
  })
  .strict();
export type SecretsInput = z.infer<typeof SecretsInputSchema>;

export const ProfileViewSchema = z.object({
  id: ProfileIdSchema,
  name: z.string(),
  folder: z.string(),
  /** Position among the profiles of the same folder (ascending). */
  order: z.number(),
  /** Epoch milliseconds. */
  createdAt: z.number(),
  updatedAt: z.number(),
  options: ProfileOptionsSchema,
  secrets: SecretFlagsSchema,
  /** Left out by profiles that never had any (every profile before they were kept). */
  subscriptions: ProfileSubscriptionsSchema.optional(),
});
export type ProfileView = z.output<typeof ProfileViewSchema>;

export const SecretProtectionKindSchema = z.enum(['safeStorage', 'safeStorage-basic-text', 'file-key']);
/** How secrets are protected on this machine, in one sentence the form shows. */
export const SecretProtectionSchema = z.object({
  kind: SecretProtectionKindSchema,
  sentence: EngineTextSchema,
  /** true when the protection is weak enough that the UI must warn. */
  warning: z.boolean(),
});
export type SecretProtection = z.infer<typeof SecretProtectionSchema>;

/** The profiles file could not be used at start: what happened, and whether a backup can be restored. */
export const ProfileLoadProblemSchema = z.object({
  message: z.string(),
  /** Where the unusable file was moved (it is never overwritten or deleted). */
  setAsidePath: z.string().nullable(),
  backupAvailable: z.boolean(),
});
export type ProfileLoadProblem = z.infer<typeof ProfileLoadProblemSchema>;

export const ProfileListSchema = z.object({
  profiles: z.array(ProfileViewSchema),
  protection: SecretProtectionSchema,
  problem: ProfileLoadProblemSchema.nullable(),
});
export type ProfileList = z.output<typeof ProfileListSchema>;

export const SaveProfileInputSchema = z
  .object({
    /** Left out: create a new profile. */
    id: ProfileIdSchema.optional(),
    name: ProfileNameSchema.optional(),
    folder: ProfileFolderSchema.optional(),
    /** Left out when editing: keep the options (a rename or a move). */
    options: ProfileOptionsSchema.optional(),
    secrets: SecretsInputSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.id !== undefined) return;
    if (input.name === undefined)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'input.rule.profileName' });
    if (input.options === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'input.rule.profileOptions',
      });
  });
export type SaveProfileInput = z.input<typeof SaveProfileInputSchema>;

export const ConflictDecisionSchema = z.enum(['copy', 'overwrite', 'skip']);
export type ConflictDecision = z.infer<typeof ConflictDecisionSchema>;

export const ExportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('one'), id: ProfileIdSchema }).strict(),
  /** The folder and every folder inside it. */
  z.object({ kind: z.literal('folder'), folder: ProfileFolderSchema }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
]);

export const EXPORT_PASSPHRASE_MIN = 8;

export const ExportInputSchema = z
  .object({
    scope: ExportScopeSchema,
    /** Secrets are left out unless asked for, and then sealed with this passphrase. */
    includeSecrets: z
      .object({
        passphrase: z
          .string()
          .min(EXPORT_PASSPHRASE_MIN, `Choose a passphrase of at least ${EXPORT_PASSPHRASE_MIN} characters.`)
          .max(1024),
      })
      .strict()
      .optional(),
  })
  .strict();

export interface ExportResult {
  fileName: string;
  /** The file's text (JSON): the renderer offers it as a download. */
  text: string;
  count: number;
  secretsIncluded: boolean;
}

/** Something an import mapped differently, or could not map. */
export const ImportNoteSchema = z.object({ field: z.string(), text: EngineTextSchema });

export interface ImportReportEntry {
  name: string;
  /** The profile it became; null when it was skipped or could not be imported. */
  profileId: string | null;
  outcome: 'created' | 'overwritten' | 'skipped' | 'failed';
  notes: z.infer<typeof ImportNoteSchema>[];
}

export interface ImportConflict {
  /** Position in the imported file. */
  index: number;
  name: string;
  folder: string;
  existingId: string;
  existingName: string;
}

export type ImportResult =
  /** The file carries sealed secrets: ask for its passphrase (or import without secrets). */
  | { status: 'needs-passphrase' }
  /** Nothing was written: some profiles already exist. Ask, then import again with onConflict. */
  | { status: 'conflicts'; conflicts: ImportConflict[]; total: number }
  | { status: 'done'; report: ImportReportEntry[] };

const ImportTextSchema = z.string().min(1, 'input.rule.fileEmpty').max(20_000_000);

export const ImportInputSchema = z
  .object({
    text: ImportTextSchema,
    passphrase: z.string().max(1024).optional(),
    /** Import without the sealed secrets instead of asking for the passphrase. */
    ignoreSecrets: z.boolean().default(false),
    onConflict: ConflictDecisionSchema.optional(),
  })
  .strict();

export const ImportMqttxInputSchema = z
  .object({
    text: ImportTextSchema,
    /** Where the imported profiles go. */
    folder: ProfileFolderSchema.default('MQTTX'),
    onConflict: ConflictDecisionSchema.optional(),
  })
  .strict();

export const LintSeveritySchema = z.enum(['error', 'warning', 'info']);
export interface LintItem {
  severity: z.infer<typeof LintSeveritySchema>;
  /** Stable identifier, e.g. "unknown-option", "not-literal", "risky", "scheme". */
  code: string;
  text: EngineText;
  /** 1-based position in the pasted code, where there is one. */
  line?: number;
  column?: number;
}

/** A setting the code computes when it runs: the draft leaves it empty for the user to fill. */
export interface FromCodeField {
  /**
   * The option's path in ProfileOptions ("host", "port", "will.payload",
   * "connectProperties.receiveMaximum", ...); "password" and "tls.passphrase" for secrets.
   */
  field: string;
  /** The code that computes it, as written ("url", "process.env.PASS"). */
  expression: string;
  /** Where that code starts in the pasted text (1-based). */
  position: { line: number; column: number };
}

export interface MqttjsDraft {
  /** From the code's variable (`const deviceClient = mqtt.connect(...)`) or client ID; editable. */
  name: string;
  /**
   * Every literal the code holds. A field listed in `fromCode` has no value here (an empty
   * host, no will topic...): the draft is not a valid profile until the user fills it in.
   */
  options: ProfileOptions;
  /** Secrets found in the pasted code (it is the user's own text coming back). */
  secrets: { password?: string; passphrase?: string; keyPem?: string };
  fromCode: FromCodeField[];
}

export interface ParseMqttjsResult {
  /** null only when the text is not JavaScript or holds no connection at all (the lint says why). */
  draft: MqttjsDraft | null;
  /** Errors first, then warnings, then notes; in code order within each. */
  lint: LintItem[];
}

export const profileRequests = {
  'profiles.list': request<ProfileList>()(z.object({}).strict()),
  /** Creates (no id) or edits a profile; also renames and moves it between folders. */
  'profiles.save': request<ProfileView>()(SaveProfileInputSchema),
  'profiles.duplicate': request<ProfileView>()(z.object({ id: ProfileIdSchema }).strict()),
  /** Deleted profiles stay in an in-memory trash until the app quits: undo with the token. */
  'profiles.delete': request<{ deleted: number; undoToken: string }>()(
    z.object({ ids: z.array(ProfileIdSchema).min(1).max(10_000) }).strict(),
  ),
  'profiles.undoDelete': request<ProfileView[]>()(
    z.object({ undoToken: z.string().min(1).max(64) }).strict(),
  ),
  /** Puts these profiles, in this order, into this folder (a drag and drop). */
  'profiles.reorder': request<ProfileList>()(
    z.object({ folder: ProfileFolderSchema, ids: z.array(ProfileIdSchema).min(1).max(10_000) }).strict(),
  ),
  /** Brings back the profiles of the last good file (keeping any made since). */
  'profiles.restoreBackup': request<ProfileList>()(z.object({}).strict()),
  /**
   * Opens a new connection from a stored profile, secrets included, and subscribes to the
   * profile's subscriptions; may run several times at once.
   */
  'profiles.connect': request<ConnectionStatus>()(
    z
      .object({
        id: ProfileIdSchema,
        /** For a second connection from a profile with a fixed client ID (the broker would take the first over). */
        clientId: z.string().max(256).optional(),
        /**
         * The form's unsaved edits: connect with these options instead of the stored ones
         * (nothing is saved). Stored secrets are used unless `secrets` types or clears them.
         */
        options: ProfileOptionsSchema.optional(),
        secrets: SecretsInputSchema.optional(),
      })
      .strict(),
  ),
  'profiles.export': request<ExportResult>()(ExportInputSchema),
  'profiles.import': request<ImportResult>()(ImportInputSchema),
  /** MQTTX's JSON or YAML export (CSV, XML and Excel are refused with a sentence). */
  'profiles.importMqttx': request<ImportResult>()(ImportMqttxInputSchema),
  /** Reads connection options from pasted mqtt.js code without running it. */
  'profiles.parseMqttjs': request<ParseMqttjsResult>()(z.object({ code: z.string().max(200_000) }).strict()),
  /** A ready-to-run mqtt.js snippet for a profile (secrets come from environment variables). */
  'profiles.toMqttjs': request<{ code: string }>()(z.object({ id: ProfileIdSchema }).strict()),
} as const;

export const profileEvents = {
  'profiles.changed': ProfileListSchema,
} as const;
