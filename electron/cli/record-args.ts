/** The arguments of `mqscope record` and `mqscope replay`. */
import { ReplayStartSchema, type ConnectOptions, type ParsedRequestInput } from '../contract';
import {
  CONNECTION_HELP,
  UsageError,
  connectionFrom,
  connectionOptions,
  parse,
  positiveNumber,
  qosFrom,
} from './args';

export const RECORD_USAGE = `Usage: mqscope record <url> -o FILE [options]

Records every message matching the filter to FILE (JSON Lines: a header line, then one line
per message with its time, topic, QoS, retain, MQTT 5 properties and payload in base64).
Runs until Ctrl-C or --timeout.

Options:
${CONNECTION_HELP}
  -o, --output FILE   the file to write (must not exist yet)
  -t, --topic FILTER  the topic filter to subscribe to and record (default #)
  -q, --qos N         subscription QoS: 0, 1 (default) or 2
  -W, --timeout S     stop after S seconds
  -h, --help          show this help

Exit status: 0 when the recording ended cleanly, 1 when writing failed, 2 on a usage error or
when the broker cannot be reached.`;

export const REPLAY_USAGE = `Usage: mqscope replay <file> <url> [options]

Replays a recording (mqscope record, or the app's Recordings) or an exported message log
(JSON Lines) into the broker at <url>.

Options:
${CONNECTION_HELP}
  --speed N           N times the original speed (default 1: the original timing)
  --max               as fast as the broker takes them
  --prefix P          prepend P to every topic
  --rewrite RE        a regular expression to replace in every topic (with --to)
  --to TEXT           its replacement ($1… for groups; default empty)
  --qos N             publish every message at QoS N instead of its own
  --retain keep|on|off  keep each message's retain flag (default), or set it for all
  --loop              start again at the end, until Ctrl-C
  -t, --topic FILTER  only replay messages whose original topic matches FILTER
  --include-sent      also replay what the recorded connection sent
  -h, --help          show this help

Exit status: 0 when every message was sent, 1 when some failed, 2 on a usage error or when
the broker cannot be reached.`;

export interface RecordCommand {
  command: 'record';
  connection: ConnectOptions;
  output: string;
  filter: string;
  qos: 0 | 1 | 2;
  timeoutSeconds?: number;
}

export type ReplayOptions = Omit<ParsedRequestInput<'replay.start'>, 'connectionId' | 'source'>;

export interface ReplayCommand {
  command: 'replay';
  connection: ConnectOptions;
  file: string;
  options: ReplayOptions;
}

export function parseRecord(
  argv: string[],
  env: NodeJS.ProcessEnv,
): RecordCommand | { command: 'help'; usage: string } {
  const { values, positionals } = parse(
    {
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...connectionOptions,
        output: { type: 'string', short: 'o' },
        topic: { type: 'string', short: 't', default: '#' },
        qos: { type: 'string', short: 'q', default: '1' },
        timeout: { type: 'string', short: 'W' },
      },
    },
    RECORD_USAGE,
  );
  if (values.help) return { command: 'help', usage: RECORD_USAGE };
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`, RECORD_USAGE);
  const connection = connectionFrom(positionals[0], values, env, RECORD_USAGE);
  if (!values.output) throw new UsageError('-o FILE is needed.', RECORD_USAGE);
  const timeoutSeconds = positiveNumber(values.timeout, '--timeout', RECORD_USAGE);
  return {
    command: 'record',
    connection,
    output: values.output,
    filter: values.topic,
    qos: qosFrom(values.qos, RECORD_USAGE),
    ...(timeoutSeconds !== undefined && { timeoutSeconds }),
  };
}

export function parseReplay(
  argv: string[],
  env: NodeJS.ProcessEnv,
): ReplayCommand | { command: 'help'; usage: string } {
  const { values, positionals } = parse(
    {
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...connectionOptions,
        speed: { type: 'string' },
        max: { type: 'boolean', default: false },
        prefix: { type: 'string' },
        rewrite: { type: 'string' },
        to: { type: 'string', default: '' },
        qos: { type: 'string' },
        retain: { type: 'string', default: 'keep' },
        loop: { type: 'boolean', default: false },
        topic: { type: 'string', short: 't' },
        'include-sent': { type: 'boolean', default: false },
      },
    },
    REPLAY_USAGE,
  );
  if (values.help) return { command: 'help', usage: REPLAY_USAGE };
  const [file, url, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`, REPLAY_USAGE);
  if (!file) throw new UsageError('A file to replay is needed.', REPLAY_USAGE);
  const connection = connectionFrom(url, values, env, REPLAY_USAGE);
  if (values.max && values.speed !== undefined)
    throw new UsageError('Give --speed or --max, not both.', REPLAY_USAGE);
  const speed = values.max ? 'max' : (positiveNumber(values.speed, '--speed', REPLAY_USAGE) ?? 1);
  // The same checks as the app's replay requests.
  const parsed = ReplayStartSchema.safeParse({
    connectionId: 'cli',
    source: { path: '/' },
    speed,
    ...(values.prefix !== undefined && { prefix: values.prefix }),
    ...(values.rewrite !== undefined && { rewrite: { pattern: values.rewrite, replace: values.to } }),
    ...(values.qos !== undefined && { qos: qosFrom(values.qos, REPLAY_USAGE) }),
    retain: values.retain,
    loop: values.loop,
    ...(values.topic !== undefined && { filter: values.topic }),
    includeSent: values['include-sent'],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${issue?.path.join('.') ?? 'option'}: ${issue?.message ?? 'invalid'}`,
      REPLAY_USAGE,
    );
  }
  const { connectionId: _id, source: _source, ...options } = parsed.data;
  return { command: 'replay', connection, file, options };
}
