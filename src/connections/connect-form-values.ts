import { ConnectOptionsSchema, type ConnectOptions, type Transport } from '../../electron/contract';

/** What the form holds: text as typed, so a half-typed port is not lost to parsing. */
export interface ConnectFormValues {
  host: string;
  port: string;
  transport: Transport;
  path: string;
  clientId: string;
  username: string;
  password: string;
}

export type ConnectField = keyof ConnectFormValues;
export type FieldProblems = Partial<Record<ConnectField, string>>;

export const DEFAULT_FORM: ConnectFormValues = {
  host: '127.0.0.1',
  port: '1883',
  transport: 'mqtt',
  path: '/mqtt',
  clientId: '',
  username: '',
  password: '',
};

const FIELDS = new Set<string>(Object.keys(DEFAULT_FORM));

export function isConnectField(name: string): name is ConnectField {
  return FIELDS.has(name);
}

/**
 * The form as connection.open input, checked with the contract's own schema so the
 * sentences match what the host would say.
 */
export function toConnectOptions(
  values: ConnectFormValues,
): { ok: true; options: ConnectOptions } | { ok: false; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const portText = values.port.trim();
  if (!/^\d+$/.test(portText)) problems.port = 'A port is a whole number from 1 to 65535.';

  const options: ConnectOptions = {
    transport: values.transport,
    host: values.host.trim(),
    port: Number(portText),
    path: values.path,
    clientId: values.clientId.trim(),
  };
  // Empty credentials mean "none", not an empty user name.
  if (values.username !== '') options.username = values.username;
  if (values.password !== '') options.password = values.password;
  if (values.transport === 'mqtt') delete options.path;

  const parsed = ConnectOptionsSchema.safeParse(options);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (isConnectField(field) && !problems[field]) problems[field] = issue.message;
    }
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, options };
}
