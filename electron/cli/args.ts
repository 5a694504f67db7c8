/**
 * The command line of `mqscope`: subcommands, their options, and the broker URL, parsed
 * without side effects so that tests can call it directly. Bad input throws a UsageError
 * whose message is one line; the caller prints it with the usage and exits 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  CHECK_GROUPS,
  type CheckGroup,
  type ConnectOptions,
  type PayloadFormat,
  type Qos,
} from '../contract';
import type { CodecId, EncodableCodec } from '../codecs';
import { isCodec, isEncodable, type CodecArgs } from './codec-options';

export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage text to print after the message. */
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const MAIN_USAGE = `Usage: mqscope <command> [options]

Commands:
  check <url>   run the broker check: what the broker really does, behaviour by behaviour
  pub <url>     publish one message
  sub <url>     print messages as they arrive
  record <url>  record messages to a JSON Lines file
  replay <file> <url>  replay a recording or an exported message log into a broker

Run "mqscope <command> --help" for a command's options.
A <url> is mqtt://host[:port], mqtts://host[:port], ws://host[:port][/path] or wss://…`;

export const CONNECTION_HELP = `  --user U            user name
  --password-env VAR  read the password from environment variable VAR (never from the command line)
  --tls-ca FILE       trust this CA certificate (PEM) for mqtts:// and wss://
  --insecure          do not verify the broker's TLS certificate (test brokers only)
  --mqtt-version V    5 (default) or 3.1.1`;

export const CHECK_USAGE = `Usage: mqscope check <url> [options]

Runs the broker check against <url> on helper connections of its own, under the topic root
mqscope-check/<run-id>/, and cleans up after itself (retained messages, sessions).

Options:
${CONNECTION_HELP}
  --only G[,G…]       only these groups: ${CHECK_GROUPS.join(', ')}
  --json              print the whole report (evidence included) as JSON
  --markdown          print the report as Markdown (the app's "Export Markdown")
  -h, --help          show this help

Exit status: 0 when nothing differs from the specification, 1 when something differs,
2 on a usage error or when the broker cannot be reached.`;

export const PUB_USAGE = `Usage: mqscope pub <url> -t TOPIC -m MESSAGE [options]

Options:
${CONNECTION_HELP}
  -t, --topic TOPIC   the topic to publish to
  -m, --message TEXT  the payload, read as --format says
  --format F          text (default), json, hex or base64: the same formats as the app;
                      msgpack, cbor, protobuf or sparkplugb encode the JSON message
  --proto FILE        a .proto file for --format protobuf (repeat for imports)
  --type T            the Protobuf message type, e.g. acme.Telemetry
  -q, --qos N         0 (default), 1 or 2
  -r, --retain        publish as a retained message
  -h, --help          show this help

Exit status: 0 when the broker accepted the message, 1 when it refused it, 2 on a usage
error or when the broker cannot be reached.`;

export const SUB_USAGE = `Usage: mqscope sub <url> -t FILTER [options]

Options:
${CONNECTION_HELP}
  -t, --topic FILTER  the topic filter (repeat for several)
  -q, --qos N         0 (default), 1 or 2
  -C, --count N       exit after N messages
  -W, --timeout S     exit after S seconds
  --json              print each message as one JSON line (payload as text or hex)
  --decode C          auto (MQTT 5 content type, spBv1.0/ topics), json, msgpack, cbor,
                      protobuf or sparkplugb: print payloads decoded, as JSON
  --proto FILE        a .proto file for --decode protobuf (repeat for imports)
  --type T            the Protobuf message type
  -h, --help          show this help

Exit status: 0 after --count messages or on --timeout, 2 on a usage error or when the
broker cannot be reached.`;

export const connectionOptions = {
  user: { type: 'string' },
  'password-env': { type: 'string' },
  'tls-ca': { type: 'string' },
  insecure: { type: 'boolean', default: false },
  'mqtt-version': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const DEFAULT_PORTS: Record<string, number> = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 };

/** Connection options from a broker URL and the shared flags. */
export function connectionFrom(
  url: string | undefined,
  values: {
    user?: string | undefined;
    'password-env'?: string | undefined;
    'tls-ca'?: string | undefined;
    insecure?: boolean | undefined;
    'mqtt-version'?: string | undefined;
  },
  env: NodeJS.ProcessEnv,
  usage: string,
): ConnectOptions {
  if (!url) throw new UsageError('A broker URL is needed, e.g. mqtt://localhost:1883.', usage);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL: write it as mqtt://host:port.`, usage);
  }
  const transport = parsed.protocol.replace(/:$/, '');
  if (!(transport in DEFAULT_PORTS)) {
    throw new UsageError(`"${transport}" is not a broker scheme: use mqtt, mqtts, ws or wss.`, usage);
  }
  if (parsed.password) {
    throw new UsageError(
      'Put no password in the URL: it would show in the process list. Use --password-env.',
      usage,
    );
  }
  const options: ConnectOptions = {
    transport: transport as ConnectOptions['transport'],
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : (DEFAULT_PORTS[transport] ?? 1883),
  };
  if ((transport === 'ws' || transport === 'wss') && parsed.pathname !== '/') options.path = parsed.pathname;
  const user = values.user ?? (parsed.username ? decodeURIComponent(parsed.username) : undefined);
  if (user !== undefined) options.username = user;
  const passwordVar = values['password-env'];
  if (passwordVar !== undefined) {
    const password = env[passwordVar];
    if (password === undefined)
      throw new UsageError(`The environment variable ${passwordVar} is not set.`, usage);
    options.password = password;
  }
  const ca = values['tls-ca'];
  if (ca !== undefined || values.insecure) {
    if (transport !== 'mqtts' && transport !== 'wss') {
      throw new UsageError('--tls-ca and --insecure need an mqtts:// or wss:// URL.', usage);
    }
    options.tls = {
      ...(ca !== undefined && { ca: { kind: 'file', path: ca } }),
      verifyServer: !values.insecure,
    };
  }
  const version = values['mqtt-version'];
  if (version !== undefined) {
    if (version !== '5' && version !== '3.1.1')
      throw new UsageError('--mqtt-version takes 5 or 3.1.1.', usage);
    options.protocolVersion = version === '5' ? '5.0' : '3.1.1';
  }
  return options;
}

/** parseArgs with its errors turned into one-line usage errors. */
export function parse<const T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    // Node's message runs on with advice about "--"; its first sentence is the point.
    const text = error instanceof Error ? error.message : String(error);
    const message = text.replace(/\. To specify a positional argument[\s\S]*$/, '.').split('\n')[0] ?? text;
    throw new UsageError(message, usage);
  }
}

export function onePositional(positionals: string[], usage: string): string | undefined {
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`, usage);
  return positionals[0];
}

export function qosFrom(text: string | undefined, usage: string): Qos {
  if (text === undefined) return 0;
  if (text !== '0' && text !== '1' && text !== '2') throw new UsageError('--qos takes 0, 1 or 2.', usage);
  return Number(text) as Qos;
}

export type Command =
  | { command: 'help'; usage: string }
  | {
      command: 'check';
      connection: ConnectOptions;
      groups?: CheckGroup[];
      json: boolean;
      markdown?: boolean;
    }
  | {
      command: 'pub';
      connection: ConnectOptions;
      topic: string;
      message: string;
      format: PayloadFormat | EncodableCodec;
      qos: Qos;
      retain: boolean;
      codecArgs: CodecArgs;
    }
  | {
      command: 'sub';
      connection: ConnectOptions;
      filters: string[];
      qos: Qos;
      count?: number;
      timeoutSeconds?: number;
      json: boolean;
      decode?: CodecId | 'auto';
      codecArgs: CodecArgs;
    };

const codecOptions = {
  proto: { type: 'string', multiple: true },
  type: { type: 'string' },
} as const;

function codecArgsFrom(values: { proto?: string[] | undefined; type?: string | undefined }): CodecArgs {
  return { protoPaths: values.proto ?? [], ...(values.type ? { messageType: values.type } : {}) };
}

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    return { command: 'help', usage: MAIN_USAGE };
  }
  if (name === 'check') return parseCheck(rest, env);
  if (name === 'pub') return parsePub(rest, env);
  if (name === 'sub') return parseSub(rest, env);
  throw new UsageError(`Unknown command "${name}".`, MAIN_USAGE);
}

function parseCheck(argv: string[], env: NodeJS.ProcessEnv): Command {
  const { values, positionals } = parse(
    {
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...connectionOptions,
        only: { type: 'string' },
        json: { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
      },
    },
    CHECK_USAGE,
  );
  if (values.help) return { command: 'help', usage: CHECK_USAGE };
  const connection = connectionFrom(onePositional(positionals, CHECK_USAGE), values, env, CHECK_USAGE);
  let groups: CheckGroup[] | undefined;
  if (values.only !== undefined) {
    const names = values.only
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    const unknown = names.filter((g) => !(CHECK_GROUPS as readonly string[]).includes(g));
    if (unknown.length || !names.length) {
      throw new UsageError(
        `--only takes groups from: ${CHECK_GROUPS.join(', ')} (not "${unknown.join(', ')}").`,
        CHECK_USAGE,
      );
    }
    groups = [...new Set(names)] as CheckGroup[];
  }
  if (values.json && values.markdown)
    throw new UsageError('Use --json or --markdown, not both.', CHECK_USAGE);
  return {
    command: 'check',
    connection,
    json: values.json,
    ...(values.markdown && { markdown: true }),
    ...(groups && { groups }),
  };
}

function parsePub(argv: string[], env: NodeJS.ProcessEnv): Command {
  const { values, positionals } = parse(
    {
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...connectionOptions,
        topic: { type: 'string', short: 't' },
        message: { type: 'string', short: 'm' },
        format: { type: 'string', default: 'text' },
        qos: { type: 'string', short: 'q' },
        retain: { type: 'boolean', short: 'r', default: false },
        ...codecOptions,
      },
    },
    PUB_USAGE,
  );
  if (values.help) return { command: 'help', usage: PUB_USAGE };
  const connection = connectionFrom(onePositional(positionals, PUB_USAGE), values, env, PUB_USAGE);
  if (!values.topic) throw new UsageError('-t TOPIC is needed.', PUB_USAGE);
  if (values.message === undefined)
    throw new UsageError('-m MESSAGE is needed (it may be empty: -m "").', PUB_USAGE);
  const format = values.format;
  if (
    format !== 'text' &&
    format !== 'json' &&
    format !== 'hex' &&
    format !== 'base64' &&
    !isEncodable(format)
  ) {
    throw new UsageError(
      '--format takes text, json, hex, base64, msgpack, cbor, protobuf or sparkplugb.',
      PUB_USAGE,
    );
  }
  if (format === 'protobuf' && (!values.proto?.length || !values.type)) {
    throw new UsageError('--format protobuf needs --proto FILE and --type T.', PUB_USAGE);
  }
  return {
    command: 'pub',
    connection,
    topic: values.topic,
    message: values.message,
    format,
    qos: qosFrom(values.qos, PUB_USAGE),
    retain: values.retain,
    codecArgs: codecArgsFrom(values),
  };
}

export function positiveNumber(text: string | undefined, flag: string, usage: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} takes a positive number.`, usage);
  return value;
}

function parseSub(argv: string[], env: NodeJS.ProcessEnv): Command {
  const { values, positionals } = parse(
    {
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...connectionOptions,
        topic: { type: 'string', short: 't', multiple: true },
        qos: { type: 'string', short: 'q' },
        count: { type: 'string', short: 'C' },
        timeout: { type: 'string', short: 'W' },
        json: { type: 'boolean', default: false },
        decode: { type: 'string' },
        ...codecOptions,
      },
    },
    SUB_USAGE,
  );
  if (values.help) return { command: 'help', usage: SUB_USAGE };
  const connection = connectionFrom(onePositional(positionals, SUB_USAGE), values, env, SUB_USAGE);
  const filters = values.topic ?? [];
  if (!filters.length) throw new UsageError('-t FILTER is needed.', SUB_USAGE);
  const count = positiveNumber(values.count, '--count', SUB_USAGE);
  if (count !== undefined && !Number.isInteger(count))
    throw new UsageError('--count takes a whole number.', SUB_USAGE);
  const timeoutSeconds = positiveNumber(values.timeout, '--timeout', SUB_USAGE);
  const decode = values.decode;
  if (decode !== undefined && decode !== 'auto' && !isCodec(decode)) {
    throw new UsageError(
      '--decode takes auto, json, text, msgpack, cbor, protobuf or sparkplugb.',
      SUB_USAGE,
    );
  }
  return {
    command: 'sub',
    connection,
    filters,
    qos: qosFrom(values.qos, SUB_USAGE),
    json: values.json,
    codecArgs: codecArgsFrom(values),
    ...(decode !== undefined && { decode }),
    ...(count !== undefined && { count }),
    ...(timeoutSeconds !== undefined && { timeoutSeconds }),
  };
}
