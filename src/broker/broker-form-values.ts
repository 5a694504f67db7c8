import {
  LOCAL_BROKER_DEFAULT_TCP_PORT,
  LOCAL_BROKER_DEFAULT_WS_PATH,
  LOCAL_BROKER_DEFAULT_WS_PORT,
  LocalBrokerOptionsSchema,
  type LocalBrokerEngine,
  type LocalBrokerOptions,
  type LocalBrokerStatus,
} from '../../electron/contract';
import { ruleMessage } from '../i18n/engine-text';

/** The start form as typed: text, so a half-typed port is not lost to parsing. */
export interface BrokerFormValues {
  tcpPort: string;
  wsPort: string;
  wsPath: string;
  username: string;
  password: string;
  bindAllInterfaces: boolean;
  /** Left unset: Mosquitto when the machine has it, else the built-in broker. */
  engine?: LocalBrokerEngine;
}

/** The broker the form starts: the user's pick, or Mosquitto by default where it is installed. */
export function chosenEngine(
  values: BrokerFormValues,
  status: LocalBrokerStatus | undefined,
): LocalBrokerEngine {
  return values.engine ?? (status?.mosquittoAvailable ? 'mosquitto' : 'built-in');
}

export type BrokerField = Exclude<keyof BrokerFormValues, 'bindAllInterfaces' | 'engine'>;
export type BrokerFieldProblems = Partial<Record<BrokerField, string>>;

export const DEFAULT_BROKER_FORM: BrokerFormValues = {
  tcpPort: String(LOCAL_BROKER_DEFAULT_TCP_PORT),
  wsPort: String(LOCAL_BROKER_DEFAULT_WS_PORT),
  wsPath: LOCAL_BROKER_DEFAULT_WS_PATH,
  username: '',
  password: '',
  bindAllInterfaces: false,
};

const FIELDS = new Set<string>(['tcpPort', 'wsPort', 'wsPath', 'username', 'password']);

/** The form as localBroker.start input, checked with the contract's own schema. */
export function toBrokerOptions(
  values: BrokerFormValues,
): { ok: true; options: LocalBrokerOptions } | { ok: false; problems: BrokerFieldProblems } {
  const problems: BrokerFieldProblems = {};
  for (const field of ['tcpPort', 'wsPort'] as const) {
    if (!/^\d+$/.test(values[field].trim())) problems[field] = 'A port is a whole number from 1 to 65535.';
  }
  const options: LocalBrokerOptions = {
    tcpPort: Number(values.tcpPort.trim()),
    wsPort: Number(values.wsPort.trim()),
    wsPath: values.wsPath.trim(),
    bindAllInterfaces: values.bindAllInterfaces,
  };
  if (values.engine) options.engine = values.engine;
  // Empty credentials mean "anyone may connect", not an empty user name.
  if (values.username !== '') options.username = values.username;
  if (values.password !== '') options.password = values.password;
  const parsed = LocalBrokerOptionsSchema.safeParse(options);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (FIELDS.has(field) && !problems[field as BrokerField])
        problems[field as BrokerField] = ruleMessage(issue.message);
    }
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, options };
}
